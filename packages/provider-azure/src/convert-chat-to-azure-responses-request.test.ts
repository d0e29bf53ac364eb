import type { ChatCompletionRequest, GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { convertChatToAzureResponsesRequest } from './convert-chat-to-azure-responses-request.js';

const thrown = (run: () => unknown): GatewayError => {
  try {
    run();
  } catch (error) {
    return error as GatewayError;
  }
  return expect.unreachable('expected an error');
};

describe('convertChatToAzureResponsesRequest', () => {
  it('converts a tool conversation: roles kept, tool calls and results as items linked by the call id, tools flattened', () => {
    const request: ChatCompletionRequest = {
      model: 'codex',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
            },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: [
            { type: 'text', text: '18' },
            { type: 'text', text: 'C' },
          ],
        },
        { role: 'assistant', content: null, refusal: 'No.' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather now',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 200,
      max_tokens: 50,
      temperature: 0.2,
      reasoning_effort: 'high',
      user: 'u1',
      stop: ['x'],
      seed: 1,
    };
    expect(convertChatToAzureResponsesRequest(request, 'gpt-5-codex-prod')).toEqual({
      model: 'gpt-5-codex-prod',
      input: [
        { type: 'message', role: 'system', content: 'Be brief.' },
        {
          type: 'message',
          role: 'developer',
          content: [{ type: 'input_text', text: 'Use tools.' }],
        },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather?' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
          ],
        },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [], logprobs: [] }],
        },
        {
          type: 'function_call',
          call_id: 'call_1',
          name: 'weather',
          arguments: '{"location":"San Francisco"}',
        },
        { type: 'function_call_output', call_id: 'call_1', output: '18C' },
        { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
        { type: 'message', role: 'user', content: 'Thanks' },
      ],
      tools: [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather now',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
          strict: true,
        },
      ],
      tool_choice: { type: 'function', name: 'weather' },
      parallel_tool_calls: false,
      stream: true,
      store: false,
      max_output_tokens: 200,
      temperature: 0.2,
      reasoning: { effort: 'high' },
      user: 'u1',
    });
  });

  it('maps response_format and verbosity to text, max_tokens to max_output_tokens, files and audio to input parts, and keeps store when asked', () => {
    const body = convertChatToAzureResponsesRequest(
      {
        model: 'codex',
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
              },
              { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
            ],
          },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
        },
        verbosity: 'low',
        max_tokens: 50,
        store: true,
        tool_choice: 'required',
      },
      'dep',
    );
    expect(body).toEqual({
      model: 'dep',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            {
              type: 'input_file',
              file_data: 'data:application/pdf;base64,JVBE',
              filename: 'a.pdf',
            },
            { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
          ],
        },
      ],
      text: {
        format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
        verbosity: 'low',
      },
      max_output_tokens: 50,
      store: true,
      tool_choice: 'required',
    });
    expect(
      convertChatToAzureResponsesRequest(
        { model: 'c', messages: [], response_format: { type: 'json_object' } },
        'dep',
      ).text,
    ).toEqual({ format: { type: 'json_object' } });
  });

  it('refuses what the Responses API cannot express, naming the parameter', () => {
    const base = { model: 'codex', messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(
      thrown(() => convertChatToAzureResponsesRequest({ ...base, n: 2 }, 'dep')),
    ).toMatchObject({ status: 400, param: 'n' });
    expect(
      thrown(() =>
        convertChatToAzureResponsesRequest(
          { ...base, messages: [{ role: 'function', name: 'f', content: 'x' }] },
          'dep',
        ),
      ),
    ).toMatchObject({ status: 400, param: 'messages[0].role' });
    expect(
      thrown(() =>
        convertChatToAzureResponsesRequest(
          { ...base, messages: [{ role: 'user', content: [{ type: 'video' } as never] }] },
          'dep',
        ),
      ),
    ).toMatchObject({ status: 400, param: 'messages[0].content[0].type' });
    expect(
      thrown(() =>
        convertChatToAzureResponsesRequest(
          { ...base, tools: [{ type: 'custom' } as never] },
          'dep',
        ),
      ),
    ).toMatchObject({ status: 400, param: 'tools[0]' });
    expect(
      thrown(() => convertChatToAzureResponsesRequest({ ...base, messages: 'hi' as never }, 'dep')),
    ).toMatchObject({ status: 400, param: 'messages' });
  });
});
