import { InvalidRequestError } from '../../errors/index.js';
import { describe, expect, it } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { encodeReasoningContent } from './reasoning-content-codec.js';

const convert = (body: Record<string, unknown>) =>
  convertResponsesRequestToChat({ model: 'gemini-3-pro-preview', ...body });

function rejection(body: Record<string, unknown>): InvalidRequestError {
  try {
    convert(body);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error as InvalidRequestError;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('convertResponsesRequestToChat', () => {
  it('turns instructions, developer/system messages and a string input into chat messages', () => {
    const { chat } = convert({
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Use tools.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
      ],
    });
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: 'Use tools.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(convert({ input: 'Hello' }).chat.messages).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('groups function calls into one assistant turn, keeps call_id (the signature carrier) and restores reasoning from encrypted_content', () => {
    const { chat } = convert({
      input: [
        { role: 'user', content: 'List files' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'short' }],
          encrypted_content: encodeReasoningContent('full thoughts'),
        },
        {
          type: 'function_call',
          call_id: 'call_a__thought__c2ln',
          name: 'shell',
          arguments: '{"command":["ls"]}',
        },
        {
          type: 'function_call',
          call_id: 'call_b',
          name: 'shell',
          arguments: '{"command":["pwd"]}',
        },
        { type: 'function_call_output', call_id: 'call_a__thought__c2ln', output: 'a.txt' },
        {
          type: 'function_call_output',
          call_id: 'call_b',
          output: [{ type: 'input_text', text: '/work' }],
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
      ],
    });
    expect(chat.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'full thoughts',
        tool_calls: [
          {
            id: 'call_a__thought__c2ln',
            type: 'function',
            function: { name: 'shell', arguments: '{"command":["ls"]}' },
          },
          {
            id: 'call_b',
            type: 'function',
            function: { name: 'shell', arguments: '{"command":["pwd"]}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a__thought__c2ln', content: 'a.txt' },
      { role: 'tool', tool_call_id: 'call_b', content: '/work' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('maps image, file and audio parts to their chat parts', () => {
    const { chat } = convert({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
            {
              type: 'input_file',
              file_data: 'data:application/pdf;base64,JVBE',
              filename: 'a.pdf',
            },
            { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
          ],
        },
      ],
    });
    expect(chat.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
        {
          type: 'file',
          file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
        },
        { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
      ],
    });
  });

  it('maps flat function tools, tool_choice, text.format, reasoning, limits and streaming', () => {
    const { chat, echo } = convert({
      input: 'x',
      tools: [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather',
          parameters: { type: 'object', properties: {} },
          strict: true,
        },
      ],
      tool_choice: { type: 'function', name: 'weather' },
      parallel_tool_calls: false,
      text: {
        format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      },
      reasoning: { effort: 'low', summary: 'auto' },
      max_output_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
      stream: true,
      store: true,
      metadata: { a: '1' },
    });
    expect(chat).toMatchObject({
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather',
            parameters: { type: 'object', properties: {} },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      reasoning_effort: 'low',
      max_completion_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      user: 'u1',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(echo).toMatchObject({
      store: false,
      metadata: { a: '1' },
      max_output_tokens: 64,
      reasoning: { effort: 'low', summary: 'auto' },
    });
    expect(
      convert({ input: 'x', text: { format: { type: 'json_object' } } }).chat.response_format,
    ).toEqual({ type: 'json_object' });
  });

  it("shims Codex's freeform tools as one-string functions and flattens namespaced tools", () => {
    const { chat, tools } = convert({
      input: [
        { role: 'user', content: 'x' },
        { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: 'c1', output: 'ok' },
      ],
      tools: [
        { type: 'custom', name: 'apply_patch', description: 'Patch' },
        {
          type: 'namespace',
          name: 'mcp_fs',
          tools: [{ type: 'function', name: 'read', parameters: { type: 'object' } }],
        },
      ],
    });
    expect(chat.tools?.map((tool) => tool.function.name)).toEqual(['apply_patch', 'mcp_fs__read']);
    expect(chat.tools?.[0]?.function.parameters).toMatchObject({
      properties: { input: { type: 'string' } },
      required: ['input'],
    });
    expect(chat.messages[1]).toMatchObject({
      tool_calls: [
        { id: 'c1', function: { name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' } },
      ],
    });
    expect(tools.namespaced.get('mcp_fs__read')).toEqual({ namespace: 'mcp_fs', name: 'read' });
  });

  it('leaves out an offered web_search tool (the model answers without it)', () => {
    const { chat } = convert({
      input: 'x',
      tools: [
        { type: 'web_search' },
        { type: 'function', name: 'f', parameters: { type: 'object' } },
      ],
    });
    expect(chat.tools?.map((tool) => tool.function.name)).toEqual(['f']);
  });

  it('answers 400 with the param for what needs a store or a hosted tool', () => {
    expect(rejection({ input: 'x', previous_response_id: 'resp_1' })).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'previous_response_id',
    });
    expect(rejection({ input: [{ type: 'item_reference', id: 'msg_1' }] })).toMatchObject({
      param: 'input[0].type',
    });
    expect(rejection({ input: 'x', tools: [{ type: 'file_search' }] })).toMatchObject({
      param: 'tools[0].type',
      code: 'unsupported_tool',
    });
    expect(rejection({ input: 'x', tools: [{ type: 'code_interpreter' }] }).message).toContain(
      'code_interpreter',
    );
    expect(rejection({ input: 'x', tool_choice: { type: 'web_search' } })).toMatchObject({
      param: 'tool_choice',
    });
    expect(rejection({ input: 42 })).toMatchObject({ param: 'input' });
    expect(
      rejection({
        input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }],
      }),
    ).toMatchObject({ param: 'input[0].content[0].image_url' });
    expect(rejection({ input: [] })).toMatchObject({ param: 'input' });
  });
  it('replays the stored history of previous_response_id before the input, and echoes it with store', () => {
    const history = [
      {
        id: 'msg_1',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Time?' }],
      },
      { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Call now().' }] },
      {
        id: 'fc_1',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_1__thought__c2ln',
        name: 'now',
        arguments: '{}',
      },
    ];
    const translation = convertResponsesRequestToChat(
      {
        model: 'gemini-3-pro-preview',
        previous_response_id: 'resp_1',
        input: [{ type: 'function_call_output', call_id: 'call_1__thought__c2ln', output: '9:00' }],
      },
      { history, store: true },
    );
    expect(translation.chat.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Time?' }] },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'Call now().',
        tool_calls: [
          {
            id: 'call_1__thought__c2ln',
            type: 'function',
            function: { name: 'now', arguments: '{}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1__thought__c2ln', content: '9:00' },
    ]);
    expect(translation.echo).toMatchObject({ previous_response_id: 'resp_1', store: true });
    // Without a store the same request is the documented 400.
    expect(rejection({ previous_response_id: 'resp_1', input: 'x' })).toMatchObject({
      param: 'previous_response_id',
    });
    expect(convert({ input: 'x' }).echo).toMatchObject({
      previous_response_id: null,
      store: false,
    });
  });
});
