import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
} from '@multi-ai-proxy/core';
import {
  checkChatCompletion,
  checkChatCompletionChunks,
  checkProviderError,
  collectOperationResult,
  createTestCallContext,
  mergeChatCompletionChunks,
  readChunksFixture,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
  recordingToMockReply,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';

const MODELS = '/v1/projects/test-project/locations/us-central1/publishers/google/models';

async function chat(bed: VertexTestBed, request: ChatCompletionRequest): Promise<ChatCompletion> {
  const result = await bed.provider.createChatCompletion!(
    request,
    createTestCallContext({
      model: request.model,
      upstreamModel: bed.provider.mapModel!(request.model) ?? request.model,
    }),
  );
  if (result.kind !== 'json') throw new Error(`expected JSON, got ${result.kind}`);
  return result.body;
}

async function chatStream(
  bed: VertexTestBed,
  request: ChatCompletionRequest,
): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const result = await bed.provider.createChatCompletion!(
    { ...request, stream: true },
    createTestCallContext({ model: request.model, upstreamModel: request.model }),
  );
  expect(result.kind).toBe('chunks');
  const collected = await collectOperationResult(result);
  if (collected.kind !== 'stream') throw new Error('expected a stream');
  return { chunks: collected.chunks as ChatCompletionChunk[], error: collected.error };
}

function recordedText(segments: readonly unknown[]): string {
  return segments
    .flatMap(
      (segment) =>
        (segment as { candidates?: Array<{ content?: { parts?: Array<{ text?: string }> } }> })
          .candidates ?? [],
    )
    .flatMap((candidate) => candidate.content?.parts ?? [])
    .map((part) => part.text ?? '')
    .join('');
}

describe('createChatCompletion on Vertex AI (recorded Vertex answers)', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  describe('exact upstream URLs per location', () => {
    const [textInteraction] = readRecordingFixture(
      fixture('generateContent.text.gemini-2.5-flash.recording.json'),
    );
    const [streamInteraction] = readRecordingFixture(
      fixture('streamGenerateContent.text.recording.json'),
    );

    it.each([
      [
        'us-central1',
        'https://us-central1-aiplatform.googleapis.com/v1/projects/test-project/locations/us-central1',
      ],
      [
        'europe-west1',
        'https://europe-west1-aiplatform.googleapis.com/v1/projects/test-project/locations/europe-west1',
      ],
      ['global', 'https://aiplatform.googleapis.com/v1/projects/test-project/locations/global'],
      ['us', 'https://aiplatform.us.rep.googleapis.com/v1/projects/test-project/locations/us'],
      ['eu', 'https://aiplatform.eu.rep.googleapis.com/v1/projects/test-project/locations/eu'],
    ])('location %s → %s/…', async (location, prefix) => {
      bed = await startVertexProvider({
        routing: 'real-hosts',
        env: { VERTEX_AI_LOCATION: location },
        routes: [
          {
            method: 'POST',
            path: /:generateContent$/,
            reply: recordingToMockReply(textInteraction!),
          },
          {
            method: 'POST',
            path: /:streamGenerateContent\?alt=sse$/,
            reply: recordingToMockReply(streamInteraction!),
          },
        ],
      });
      await chat(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
      });
      await chatStream(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
      });
      expect(bed.calledUrls).toEqual([
        `${prefix}/publishers/google/models/gemini-2.5-flash:generateContent`,
        `${prefix}/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      ]);
      expect(bed.upstream.requests.map((request) => request.headers.authorization)).toEqual([
        'Bearer ya29.vertex-test-1',
        'Bearer ya29.vertex-test-1',
      ]);
      expect(bed.tokenEndpoint.requests).toHaveLength(1);
    });
  });

  it('replays the recorded gemini-2.5-flash text answer: role-tagged contents, MAX_TOKENS → length, thinking in usage', async () => {
    const [interaction] = readRecordingFixture(
      fixture('generateContent.text.gemini-2.5-flash.recording.json'),
    );
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: recordingToMockReply(interaction!),
        },
      ],
    });

    const body = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
      n: 1,
      max_tokens: 200,
    });

    const sent = bed.upstream.requests[0]!.json() as {
      contents: unknown;
      generationConfig: Record<string, unknown>;
    };
    const recorded = interaction!.request.body as { contents: unknown };
    expect(sent.contents).toEqual(recorded.contents);
    expect(sent.generationConfig).toMatchObject({ candidateCount: 1, maxOutputTokens: 200 });
    expect(bed.upstream.requests[0]!.headers['content-type']).toBe('application/json');

    expect(checkChatCompletion(body, { requireUsage: true })).toEqual([]);
    expect(body.model).toBe('gemini-2.5-flash');
    expect(body.choices).toHaveLength(1);
    expect(body.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'length',
      message: { role: 'assistant', content: recordedText(interaction!.response.segments) },
    });
    expect(body.usage).toMatchObject({
      prompt_tokens: 6,
      completion_tokens: 197,
      total_tokens: 203,
      completion_tokens_details: { reasoning_tokens: 42 },
    });
  });

  it('sends json_schema as raw responseJsonSchema (recorded Vertex request) and returns the JSON text', async () => {
    const [interaction] = readRecordingFixture(
      fixture('generateContent.responseJsonSchema.recording.json'),
    );
    const recordedConfig = (
      interaction!.request.body as {
        generationConfig: { responseJsonSchema: Record<string, unknown> };
      }
    ).generationConfig;
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: recordingToMockReply(interaction!),
        },
      ],
    });

    const body = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'populate the following object' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'object', schema: recordedConfig.responseJsonSchema },
      },
    });

    const sent = bed.upstream.requests[0]!.json() as {
      contents: unknown;
      generationConfig: Record<string, unknown>;
    };
    expect(sent.contents).toEqual((interaction!.request.body as { contents: unknown }).contents);
    expect(sent.generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      responseJsonSchema: recordedConfig.responseJsonSchema,
    });
    expect(JSON.parse(body.choices[0]!.message.content ?? '')).toMatchObject({
      stringWithEnum: 'enumvalue1',
      inner: { innerNumber: 101 },
    });
    expect(body.choices[0]!.finish_reason).toBe('stop');
  });

  it('ignores Vertex-only response fields (safety scores, severities)', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: {
            body: readJsonFixture(fixture('generateContent.text-safety-scores.response.json')),
          },
        },
      ],
    });
    const body = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Where is Google headquartered?' }],
    });
    expect(checkChatCompletion(body, { requireUsage: true })).toEqual([]);
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'Mountain View, California' },
    });
    expect(body.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 7, total_tokens: 13 });
    expect(JSON.stringify(body)).not.toContain('severity');
  });

  it('maps parallel function calls (no ids on Vertex) and sends the next turn the way Vertex wants it', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          times: 1,
          reply: {
            body: readJsonFixture(fixture('generateContent.function-call-parallel.response.json')),
          },
        },
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: {
            body: readJsonFixture(fixture('generateContent.text-safety-scores.response.json')),
          },
        },
      ],
    });
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: {
          name: 'sum',
          description: 'Adds two numbers',
          parameters: {
            type: 'object',
            properties: { x: { type: 'number' }, y: { type: 'number' } },
            required: ['x', 'y'],
          },
        },
      },
    ];
    const question = { role: 'user' as const, content: 'Add 2+1, 4+3 and 6+5' };
    const first = await chat(bed, { model: 'gemini-2.5-flash', messages: [question], tools });

    expect(checkChatCompletion(first)).toEqual([]);
    const calls = first.choices[0]!.message.tool_calls ?? [];
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(calls.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['sum', { y: 1, x: 2 }],
      ['sum', { y: 3, x: 4 }],
      ['sum', { y: 5, x: 6 }],
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(3);

    await chat(bed, {
      model: 'gemini-2.5-flash',
      tools,
      messages: [
        question,
        { role: 'assistant', content: null, tool_calls: calls },
        ...calls.map((call, index) => ({
          role: 'tool' as const,
          tool_call_id: call.id,
          content: JSON.stringify({ sum: [3, 7, 11][index] }),
        })),
      ],
    });
    const second = bed.upstream.requests[1]!.json() as {
      contents: Array<{
        role?: string;
        parts: Array<Record<string, { id?: string; name?: string }>>;
      }>;
    };
    expect(second.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(second.contents[1]!.parts.map((part) => part.functionCall)).toEqual([
      { name: 'sum', args: { y: 1, x: 2 } },
      { name: 'sum', args: { y: 3, x: 4 } },
      { name: 'sum', args: { y: 5, x: 6 } },
    ]);
    expect(second.contents[2]!.parts.map((part) => part.functionResponse)).toEqual([
      { name: 'sum', response: { sum: 3 } },
      { name: 'sum', response: { sum: 7 } },
      { name: 'sum', response: { sum: 11 } },
    ]);
  });

  it('turns a prompt blocked for safety (recorded, no candidates) into content_filter', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: {
            body: readJsonFixture(fixture('generateContent.prompt-blocked-safety.response.json')),
          },
        },
      ],
    });
    const body = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'something hateful' }],
    });
    expect(checkChatCompletion(body)).toEqual([]);
    expect(body.choices[0]!.finish_reason).toBe('content_filter');
    expect(body.choices[0]!.message.content ?? null).toBeNull();
  });

  it('turns finishReason SAFETY (recorded, candidate without index) into content_filter', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: {
            body: readJsonFixture(fixture('generateContent.finish-reason-safety.response.json')),
          },
        },
      ],
    });
    const body = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(checkChatCompletion(body)).toEqual([]);
    expect(body.choices[0]).toMatchObject({ index: 0, finish_reason: 'content_filter' });
  });

  it.each([
    [
      'error.403-iam-permission-denied.json',
      403,
      "Permission 'aiplatform.endpoints.predict' denied",
      null,
    ],
    [
      'error.404-model-not-found.json',
      404,
      'models/test-model-name is not found',
      'model_not_found',
    ],
    [
      'error.429-resource-exhausted.json',
      429,
      'Quota exceeded for quota metric',
      'rate_limit_exceeded',
    ],
  ])('passes the recorded %s on with status %i', async (file, status, message, code) => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: /:generateContent$/,
          reply: { status, headers: { 'retry-after': '7' }, body: readJsonFixture(fixture(file)) },
        },
      ],
    });
    const error = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x' }],
    }).catch((thrown: unknown) => thrown);
    expect(
      checkProviderError(error, {
        status,
        headers: ['retry-after'],
        secrets: ['ya29.vertex-test-1', bed.account.privateKeyPem.split('\n')[1]!],
      }),
    ).toEqual([]);
    expect((error as Error).message).toContain(message);
    if (code) expect(error).toMatchObject({ code });
    expect((error as Error).message).not.toContain('[ORIGINAL ERROR]');
  });

  it('answers 401 when the token endpoint refuses the key, without calling Vertex', async () => {
    bed = await startVertexProvider();
    bed.tokenEndpoint.reset([
      {
        method: 'POST',
        path: '/token',
        reply: {
          status: 401,
          body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
        },
      },
    ]);
    const error = await chat(bed, {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x' }],
    }).catch((thrown: unknown) => thrown);
    expect(
      checkProviderError(error, {
        status: 401,
        secrets: [bed.account.privateKeyPem.split('\n')[1]!],
      }),
    ).toEqual([]);
    expect(bed.upstream.requests).toHaveLength(0);
  });

  describe('streaming', () => {
    it('replays the recorded text stream: one chunk per event, finish last, usage chunk when asked', async () => {
      const [interaction] = readRecordingFixture(
        fixture('streamGenerateContent.text.recording.json'),
      );
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: `${MODELS}/gemini-2.5-flash:streamGenerateContent`,
            reply: recordingToMockReply(interaction!),
          },
        ],
      });

      const { chunks, error } = await chatStream(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'why is the sky blue?' }],
        n: 1,
        stream_options: { include_usage: true },
      });

      expect(error).toBeUndefined();
      expect(bed.upstream.requests[0]!.url).toBe(
        `${MODELS}/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      );
      expect(bed.upstream.requests[0]!.headers.accept).toBe('text/event-stream');
      expect((bed.upstream.requests[0]!.json() as { contents: unknown }).contents).toEqual(
        (interaction!.request.body as { contents: unknown }).contents,
      );
      expect(checkChatCompletionChunks(chunks, { includeUsage: true })).toEqual([]);
      const merged = mergeChatCompletionChunks(chunks);
      expect(merged.choices[0]).toMatchObject({
        content: recordedText(interaction!.response.segments),
        finishReason: 'stop',
      });
      expect(chunks.at(-1)!.usage).toMatchObject({
        prompt_tokens: 6,
        completion_tokens: 1689,
        total_tokens: 1695,
      });
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    });

    it('streams the recorded function call as a tool_calls delta with index', async () => {
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: /:streamGenerateContent/,
            reply: {
              rawSse: readFixtureText(fixture('streamGenerateContent.function-call.sse.txt')),
            },
          },
        ],
      });
      const { chunks, error } = await chatStream(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'temperature in San Jose?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'getTemperature',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
            },
          },
        ],
      });
      expect(error).toBeUndefined();
      expect(checkChatCompletionChunks(chunks)).toEqual([]);
      const choice = mergeChatCompletionChunks(chunks).choices[0]!;
      expect(choice.finishReason).toBe('tool_calls');
      expect(choice.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['getTemperature', { city: 'San Jose' }],
      ]);
    });

    it('streams the recorded SAFETY finish as content_filter', async () => {
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: /:streamGenerateContent/,
            reply: {
              rawSse: readFixtureText(
                fixture('streamGenerateContent.finish-reason-safety.sse.txt'),
              ),
            },
          },
        ],
      });
      const { chunks } = await chatStream(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(checkChatCompletionChunks(chunks)).toEqual([]);
      expect(mergeChatCompletionChunks(chunks).choices[0]!.finishReason).toBe('content_filter');
    });

    it('ends with an OpenAI error after the delivered chunks when Vertex fails mid-stream (recorded)', async () => {
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: /:streamGenerateContent/,
            reply: {
              rawSse: readFixtureText(fixture('streamGenerateContent.error-mid-stream.sse.txt')),
            },
          },
        ],
      });
      const { chunks, error } = await chatStream(bed, {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(mergeChatCompletionChunks(chunks).choices[0]!.content).toBe('First Second ');
      expect(checkProviderError(error, { status: 499 })).toEqual([]);
      expect((error as Error).message).toBe('The operation was cancelled.');
    });

    it('assembles streamed function-call arguments (recorded streamFunctionCallArguments answer)', async () => {
      const [interaction] = readRecordingFixture(
        fixture('streamGenerateContent.streamFunctionCallArguments.recording.json'),
      );
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: `${MODELS}/gemini-3-pro-preview:streamGenerateContent`,
            reply: recordingToMockReply(interaction!),
          },
        ],
      });
      const { chunks, error } = await chatStream(bed, {
        model: 'gemini-3-pro-preview',
        messages: [{ role: 'user', content: 'what is the result of 100/2' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'customDivide',
              description: 'Custom divide function',
              parameters: {
                type: 'object',
                properties: { denominator: { type: 'number' }, numerator: { type: 'number' } },
              },
            },
          },
        ],
      });
      expect(error).toBeUndefined();
      const sent = bed.upstream.requests[0]!.json() as {
        contents: unknown;
        tools: Array<{ functionDeclarations: Array<{ name: string }> }>;
      };
      expect(sent.contents).toEqual((interaction!.request.body as { contents: unknown }).contents);
      expect(sent.tools[0]!.functionDeclarations.map((declaration) => declaration.name)).toEqual([
        'customDivide',
      ]);
      expect(checkChatCompletionChunks(chunks)).toEqual([]);
      const choice = mergeChatCompletionChunks(chunks).choices[0]!;
      expect(choice.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['customDivide', { denominator: 2, numerator: 100 }],
      ]);
      // Gemini 3's thought signature rides in the tool call id, so the next turn can send it back.
      expect(choice.toolCalls[0]!.id).toContain('__thought__');
      expect(choice.finishReason).toBe('tool_calls');
    });

    it('assembles partialArgs across events into whole tool calls (recorded gemini-3.1-pro stream)', async () => {
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: /:streamGenerateContent/,
            reply: {
              sse: readChunksFixture(
                fixture('streamGenerateContent.partialArgs.gemini-3.1-pro.chunks.txt'),
              ),
            },
          },
        ],
      });
      const { chunks, error } = await chatStream(bed, {
        model: 'gemini-3.1-pro-preview',
        messages: [{ role: 'user', content: 'Weather in Boston and San Francisco?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'getWeather',
              parameters: { type: 'object', properties: { location: { type: 'string' } } },
            },
          },
        ],
        stream_options: { include_usage: true },
      });
      expect(error).toBeUndefined();
      expect(checkChatCompletionChunks(chunks, { includeUsage: true })).toEqual([]);
      const choice = mergeChatCompletionChunks(chunks).choices[0]!;
      expect(choice.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['getWeather', { location: 'Boston' }],
        ['getWeather', { location: 'San Francisco' }],
      ]);
      expect(choice.finishReason).toBe('tool_calls');
      expect(chunks.at(-1)!.usage).toMatchObject({
        prompt_tokens: 26,
        completion_tokens: 155,
        total_tokens: 181,
      });
    });

    it('answers a non-200 stream as an OpenAI error before any chunk', async () => {
      bed = await startVertexProvider({
        routes: [
          {
            method: 'POST',
            path: /:streamGenerateContent/,
            reply: {
              status: 404,
              body: readJsonFixture(fixture('error.404-model-not-found.json')),
            },
          },
        ],
      });
      const error = await bed.provider.createChatCompletion!(
        { model: 'gemini-9', messages: [{ role: 'user', content: 'x' }], stream: true },
        createTestCallContext({ model: 'gemini-9', upstreamModel: 'gemini-9' }),
      ).catch((thrown: unknown) => thrown);
      expect(checkProviderError(error, { status: 404 })).toEqual([]);
    });
  });
});
