import type { ChatCompletionRequest } from '@multi-ai-proxy/core';
import { GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { readFixtureJson, readRecording } from '../test/support/read-fixture.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import type {
  GoogleGenerateContentRequest,
  GoogleGenerateContentResponse,
} from './google-api-types.js';

type Recorded = GoogleGenerateContentRequest & { generationConfig?: Record<string, unknown> };

describe('convertToGoogleRequest', () => {
  it('builds the recorded plain request (max_tokens, n) for gemini-2.5-flash', async () => {
    const recorded = readRecording('generateContent.text.gemini-2.5-flash.recording.json')
      .request as Recorded;
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
        max_tokens: 200,
        n: 1,
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    expect(body.contents).toEqual(recorded.contents);
    expect(body.generationConfig).toEqual({ candidateCount: 1, maxOutputTokens: 200 });
  });

  it('moves the system message into systemInstruction (recorded request)', async () => {
    const recorded = readRecording('generateContent.systemInstruction.recording.json')
      .request as Recorded;
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'I say high you say low' },
          { role: 'user', content: 'high' },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    expect(body).toEqual({
      contents: recorded.contents,
      systemInstruction: { parts: recorded.systemInstruction?.parts },
    });
  });

  it('sends raw JSON Schema as parametersJsonSchema with a named tool_choice (recorded request)', async () => {
    const recorded = readRecording(
      'generateContent.function-call.parametersJsonSchema.recording.json',
    ).request as Recorded;
    const declaration = recorded.tools?.[0]?.functionDeclarations?.[0];
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'put word: hello and word: world into a string' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'concatStringFunction',
              description: 'this is a concat string function',
              parameters: declaration?.parametersJsonSchema,
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'concatStringFunction' } },
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    const { generationConfig: _empty, ...expected } = recorded;
    expect(body).toEqual(expected);
  });

  it('sends response_format json_schema as responseJsonSchema on 2.5 models (recorded requests)', async () => {
    for (const name of [
      'generateContent.responseJsonSchema.recording.json',
      'generateContent.responseSchema.recording.json',
    ]) {
      const recorded = readRecording(name).request as Recorded;
      const schema = recorded.generationConfig?.responseJsonSchema as Record<string, unknown>;
      const body = await convertToGoogleRequest(
        {
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: 'populate the following object' }],
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'obj', schema, strict: true },
          },
        },
        { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
      );
      expect(body).toEqual(recorded);
    }
  });

  it('sanitizes tool schemas for 2.0 models and replays the recorded function call turn', async () => {
    const first = readRecording('streamGenerateContent.function-call.recording.json', 0);
    const second = readRecording('streamGenerateContent.function-call.recording.json', 1);
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: {
          name: 'customDivide',
          description: 'Custom divide function',
          parameters: {
            type: 'object',
            properties: { numerator: { type: 'number' }, denominator: { type: 'number' } },
            additionalProperties: false,
            $schema: 'http://json-schema.org/draft-07/schema#',
          },
        },
      },
    ];
    const firstBody = await convertToGoogleRequest(
      {
        model: 'gemini-2.0-flash',
        messages: [{ role: 'user', content: 'what is the result of 100/2' }],
        tools,
      },
      { flavor: 'gemini', modelId: 'gemini-2.0-flash' },
    );
    const { generationConfig: _a, ...expectedFirst } = first.request as Recorded;
    expect(firstBody).toEqual(expectedFirst);

    // The OpenAI client echoes the assistant tool call it received, then asks again.
    const answer = convertFromGoogleResponse(
      (first.response as GoogleGenerateContentResponse[])[0] as GoogleGenerateContentResponse,
      { model: 'gemini-2.0-flash' },
    );
    const secondBody = await convertToGoogleRequest(
      {
        model: 'gemini-2.0-flash',
        messages: [
          { role: 'user', content: 'what is the result of 100/2' },
          { role: 'assistant', content: null, tool_calls: answer.choices[0]?.message.tool_calls },
          { role: 'user', content: 'what is the result of 50/2?' },
        ],
        tools,
      },
      { flavor: 'gemini', modelId: 'gemini-2.0-flash' },
    );
    const { generationConfig: _b, ...expectedSecond } = second.request as Recorded;
    expect(secondBody).toEqual(expectedSecond);
  });

  it('round-trips Gemini 3 thought signatures of a tool call and answers with a functionResponse', async () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.function-call.gemini-3-pro.response.json',
    );
    const signature = response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    const toolCalls =
      convertFromGoogleResponse(response, { model: 'gemini-3-pro-preview' }).choices[0]?.message
        .tool_calls ?? [];
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'What is the weather in San Francisco?' },
          { role: 'assistant', content: null, tool_calls: toolCalls },
          {
            role: 'tool',
            tool_call_id: toolCalls[0]?.id as string,
            content: '{"temperature":18,"unit":"C"}',
          },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-3-pro-preview' },
    );
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'weather', args: { location: 'San Francisco' } },
            thoughtSignature: signature,
          },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { temperature: 18, unit: 'C' } } },
        ],
      },
    ]);
  });

  it('replays parallel calls with the signature only where Gemini put it, results grouped in one user turn', async () => {
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'add 2+1 and 4+3' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_a__thought__c2ln',
                type: 'function',
                function: { name: 'sum', arguments: '{"x":2,"y":1}' },
              },
              {
                id: 'call_b',
                type: 'function',
                function: { name: 'sum', arguments: '{"x":4,"y":3}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_a__thought__c2ln', content: '3' },
          { role: 'tool', tool_call_id: 'call_b', content: 'seven' },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-3-pro-preview' },
    );
    expect(body.contents.slice(1)).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'sum', args: { x: 2, y: 1 } }, thoughtSignature: 'c2ln' },
          { functionCall: { name: 'sum', args: { x: 4, y: 3 } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'sum', response: { output: 3 } } },
          { functionResponse: { name: 'sum', response: { output: 'seven' } } },
        ],
      },
    ]);
  });

  it('puts the skip marker on a Gemini 3 call that lost its signature, sends Gemini-assigned ids on the Gemini API only', async () => {
    const messages: ChatCompletionRequest['messages'] = [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'fc-7', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'fc-7', content: 'ok' },
    ];
    const gemini = await convertToGoogleRequest(
      { model: 'm', messages },
      { flavor: 'gemini', modelId: 'gemini-3-flash-preview' },
    );
    expect(gemini.contents[1]?.parts?.[0]).toEqual({
      functionCall: { id: 'fc-7', name: 'f', args: {} },
      thoughtSignature: 'skip_thought_signature_validator',
    });
    expect(gemini.contents[2]?.parts?.[0]).toEqual({
      functionResponse: { id: 'fc-7', name: 'f', response: { output: 'ok' } },
    });
    const vertex = await convertToGoogleRequest(
      { model: 'm', messages },
      { flavor: 'vertex', modelId: 'gemini-2.5-flash' },
    );
    expect(vertex.contents).toEqual([
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' } } }] },
    ]);
  });

  it('joins several system/developer messages in order, merges consecutive turns, maps assistant to model', async () => {
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'one' },
          { role: 'user', content: 'a' },
          { role: 'developer', content: [{ type: 'text', text: 'two' }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }] },
          { role: 'assistant', content: 'c' },
          { role: 'assistant', content: [{ type: 'text', text: 'd' }] },
          { role: 'user', content: 'e' },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'one' }, { text: 'two' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
      { role: 'user', parts: [{ text: 'e' }] },
    ]);
  });

  it('puts the system text into the first user turn for Gemma', async () => {
    const body = await convertToGoogleRequest(
      {
        model: 'gemma-3-27b-it',
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
      },
      { flavor: 'gemini', modelId: 'gemma-3-27b-it' },
    );
    expect(body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'be brief' }, { text: 'hi' }] }],
    });
  });

  it('converts images, audio and files into inlineData / fileData', async () => {
    const fetched: string[] = [];
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'gs://bucket/cat.jpg' } },
              {
                type: 'image_url',
                image_url: { url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' },
              },
              {
                type: 'image_url',
                image_url: { url: 'https://example.com/dog.webp', detail: 'low' },
              },
              { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'mp3' } },
              {
                type: 'file',
                file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
              },
              { type: 'file', file: { file_id: 'gs://bucket/report.pdf' } },
            ],
          },
        ],
      },
      {
        flavor: 'gemini',
        modelId: 'gemini-2.5-flash',
        fetchMedia: async (url) => {
          fetched.push(url);
          return { mimeType: 'image/webp', data: 'UklGRgAA' };
        },
      },
    );
    expect(fetched).toEqual(['https://example.com/dog.webp']);
    expect(body.contents[0]?.parts).toEqual([
      { text: 'what is this?' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://bucket/cat.jpg' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
      { inlineData: { mimeType: 'image/webp', data: 'UklGRgAA' } },
      { inlineData: { mimeType: 'audio/mp3', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/report.pdf' } },
    ]);
  });

  it('refuses http image URLs without a fetcher, and unknown tool call ids, with OpenAI 400 errors naming the param', async () => {
    const noFetch = convertToGoogleRequest(
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    await expect(noFetch).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[0].image_url.url',
    });
    const orphan = convertToGoogleRequest(
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'tool', tool_call_id: 'nope', content: 'x' },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    await expect(orphan).rejects.toMatchObject({ status: 400, param: 'messages[1].tool_call_id' });
    const badArgs = convertToGoogleRequest(
      {
        model: 'm',
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'x', type: 'function', function: { name: 'f', arguments: '{oops' } },
            ],
          },
        ],
      },
      { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
    );
    await expect(badArgs).rejects.toSatisfy(
      (error: unknown) =>
        GatewayError.isInstance(error) &&
        error.param === 'messages[0].tool_calls[0].function.arguments',
    );
  });

  it.each([
    [
      'tool_calls that is not an array',
      [
        { role: 'assistant', tool_calls: 'call' },
        { role: 'user', content: 'x' },
      ],
      'messages[0].tool_calls',
    ],
    [
      'a null assistant content part',
      [
        { role: 'assistant', content: [{ type: 'text', text: 'a' }, null] },
        { role: 'user', content: 'x' },
      ],
      'messages[0].content[1]',
    ],
    [
      'a file name that is not a string',
      [{ role: 'user', content: [{ type: 'file', file: { file_data: 'JVBERi0=', filename: 5 } }] }],
      'messages[0].content[0].file.filename',
    ],
  ])(
    'answers %s with a 400 naming the field, never a TypeError',
    async (_label, messages, param) => {
      const converting = convertToGoogleRequest(
        { model: 'm', messages } as unknown as ChatCompletionRequest,
        { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
      );
      await expect(converting).rejects.toSatisfy(
        (error: unknown) =>
          GatewayError.isInstance(error) && error.status === 400 && error.param === param,
      );
    },
  );

  it('maps the generation settings and tool_choice modes', async () => {
    const base: ChatCompletionRequest = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 50,
      max_tokens: 999,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { 1: 2 },
      user: 'u',
      response_format: { type: 'json_object' },
      reasoning_effort: 'low',
      tools: [
        {
          type: 'function',
          function: {
            name: 'f',
            parameters: { type: 'object', properties: { a: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'required',
    };
    const body = await convertToGoogleRequest(base, {
      flavor: 'gemini',
      modelId: 'gemini-2.5-flash',
    });
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
      seed: 7,
      // presence_penalty / frequency_penalty dropped: Gemini 2.5+ answers 400 "Penalty is not enabled".
      responseLogprobs: true,
      logprobs: 3,
      responseMimeType: 'application/json',
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    for (const [choice, mode] of [
      ['none', 'NONE'],
      ['auto', 'AUTO'],
    ] as const) {
      expect(
        (
          await convertToGoogleRequest(
            { ...base, tool_choice: choice },
            { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
          )
        ).toolConfig,
      ).toEqual({ functionCallingConfig: { mode } });
    }
    await expect(
      convertToGoogleRequest(
        { ...base, tool_choice: { type: 'function', function: { name: 'g' } } },
        { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
      ),
    ).rejects.toMatchObject({
      status: 400,
      param: 'tool_choice',
    });
  });

  it('uses the sanitized responseSchema when JSON Schema is switched off', async () => {
    const body = await convertToGoogleRequest(
      {
        model: 'gemini-2.0-flash',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'n',
            schema: {
              type: 'object',
              properties: { a: { type: ['string', 'null'] } },
              required: ['a'],
              additionalProperties: false,
            },
          },
        },
      },
      { flavor: 'gemini', modelId: 'gemini-2.0-flash' },
    );
    expect(body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'OBJECT',
        properties: { a: { type: 'STRING', nullable: true } },
        required: ['a'],
      },
    });
  });
});

describe('data: URLs in chat content', () => {
  it('names the content part of a chat request that carries the malformed data: URL', async () => {
    const request = {
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'image_url' as const, image_url: { url: 'data:image/png,%zz' } }],
        },
        {
          role: 'user' as const,
          content: [{ type: 'file' as const, file: { file_data: 'data:application/pdf,%' } }],
        },
      ],
    };
    await expect(
      convertToGoogleRequest(request, { flavor: 'gemini', modelId: 'gemini-2.5-flash' }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[0].image_url.url',
    });
    await expect(
      convertToGoogleRequest(
        { ...request, messages: [request.messages[1] as (typeof request.messages)[number]] },
        { flavor: 'gemini', modelId: 'gemini-2.5-flash' },
      ),
    ).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[0].file.file_data',
    });
  });
});
