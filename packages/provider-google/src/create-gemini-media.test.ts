import type { OperationResultV1, ProviderV1, RawResultV1 } from '@multi-ai-proxy/core';
import { createTestCallContext, createTestPluginContext } from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readFixtureJson, readFixtureText } from '../test/support/read-fixture.js';
import { sendJson, startMockUpstream } from '../test/support/mock-upstream.js';
import { WAV_HEADER_BYTES } from './build-wav-header.js';
import { googleProviderPlugin } from './google-provider-plugin.js';

// The OpenAI media routes on the Gemini API provider, against recorded answers of Google's documented
// examples (fixtures/upstream/gemini: Imagen :predict, a Gemini image answer, a TTS stream, a transcript).
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const imagen = readFixtureJson<{ predictions: Array<{ bytesBase64Encoded: string }> }>(
  'predict.imagen-4.0-generate-001.response.json',
);
const geminiImage = readFixtureJson<{
  candidates: Array<{ content: { parts: Array<{ inlineData: { data: string } }> } }>;
}>('generateContent.image.gemini-2.5-flash-image.response.json');
const ttsSse = readFixtureText('streamGenerateContent.tts.gemini-2.5-flash-preview-tts.sse.txt');
const transcript = readFixtureJson('generateContent.transcription.gemini-2.5-flash.response.json');

async function setup(answer: (url: string) => { status?: number; body: unknown; sse?: boolean }) {
  const mock = await startMockUpstream((request, response) => {
    const { status, body, sse } = answer(request.url);
    if (sse) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(body as string);
    } else sendJson(response, status ?? 200, body);
  });
  closers.push(mock.close);
  const provider = (await googleProviderPlugin.createProvider(
    googleProviderPlugin.parseOptions(
      {},
      {
        GOOGLE_AI_STUDIO_API_KEY: 'server-key',
        GOOGLE_AI_STUDIO_ENDPOINT: mock.url,
      },
    ),
    createTestPluginContext({ instanceName: 'google' }),
  )) as ProviderV1;
  return { mock, provider };
}

const jsonBody = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const call = (
  provider: ProviderV1,
  operation:
    | 'images.generations'
    | 'images.edits'
    | 'audio.speech'
    | 'audio.transcriptions'
    | 'audio.translations',
  model: string,
  body: Uint8Array,
  contentType = 'application/json',
) => {
  const context = createTestCallContext({ model });
  const result = provider.passthrough?.(
    { operation, method: 'POST', path: '/v1/x', params: {}, contentType, body },
    context,
  ) as Promise<OperationResultV1<unknown>>;
  return { result, context };
};

async function multipart(
  fields: Record<string, string>,
  file?: { field: string; name: string; type: string; bytes: Buffer },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    body: new Uint8Array(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

async function readRaw(result: RawResultV1): Promise<Buffer> {
  if (typeof result.body === 'string') return Buffer.from(result.body);
  if (result.body instanceof Uint8Array) return Buffer.from(result.body);
  const chunks: Buffer[] = [];
  for await (const chunk of result.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('/v1/images/generations on the Gemini API', () => {
  it('sends Imagen :predict with sampleCount, aspect ratio, size and format, and answers b64_json', async () => {
    const { mock, provider } = await setup(() => ({ body: imagen }));
    const { result } = call(
      provider,
      'images.generations',
      'imagen-4.0-generate-001',
      jsonBody({
        model: 'imagen-4.0-generate-001',
        prompt: 'A robot holding a red skateboard',
        n: 2,
        size: '1792x1024',
        quality: 'hd',
        output_format: 'jpeg',
        output_compression: 80,
        response_format: 'b64_json',
      }),
    );
    const answer = await result;
    expect(mock.requests[0]?.url).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('server-key');
    expect(JSON.parse(mock.requests[0]?.body ?? '')).toEqual({
      instances: [{ prompt: 'A robot holding a red skateboard' }],
      parameters: {
        sampleCount: 2,
        aspectRatio: '16:9',
        sampleImageSize: '2K',
        outputOptions: { mimeType: 'image/jpeg', compressionQuality: 80 },
      },
    });
    expect(answer).toMatchObject({ kind: 'json' });
    const body = (answer as { body: { data: unknown[]; output_format: string; usage?: unknown } })
      .body;
    expect(body.data).toEqual(imagen.predictions.map((p) => ({ b64_json: p.bytesBase64Encoded })));
    expect(body.output_format).toBe('png');
    expect(body.usage).toBeUndefined();
  });

  it('calls a Gemini image model n times with responseModalities IMAGE and sums the usage', async () => {
    const { mock, provider } = await setup(() => ({ body: geminiImage }));
    const { result, context } = call(
      provider,
      'images.generations',
      'gemini-2.5-flash-image',
      jsonBody({
        prompt: 'A nano banana dish',
        n: 2,
        size: '1024x1536',
      }),
    );
    const answer = (await result) as { body: Record<string, unknown> };
    expect(mock.requests.map((request) => request.url)).toEqual([
      '/v1beta/models/gemini-2.5-flash-image:generateContent',
      '/v1beta/models/gemini-2.5-flash-image:generateContent',
    ]);
    expect(JSON.parse(mock.requests[0]?.body ?? '')).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'A nano banana dish' }] }],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '2:3' } },
    });
    const b64 = geminiImage.candidates[0]?.content.parts[0]?.inlineData.data;
    expect(answer.body.data).toEqual([{ b64_json: b64 }, { b64_json: b64 }]);
    expect(answer.body.usage).toEqual({
      input_tokens: 30,
      output_tokens: 2580,
      total_tokens: 2610,
      input_tokens_details: { text_tokens: 30, image_tokens: 0 },
    });
    expect(context.telemetry?.usage).toEqual({ inputTokens: 30, outputTokens: 2580 });
  });

  it.each([
    [{ prompt: 'x', response_format: 'url' }, 'response_format'],
    [{ prompt: 'x', n: 5 }, 'n'],
    [{ prompt: 'x', size: '7:5' }, 'size'],
    [{ prompt: 'x', output_format: 'webp' }, 'output_format'],
    [{ prompt: 'x', background: 'transparent' }, 'background'],
    [{ prompt: '' }, 'prompt'],
  ])('refuses %j with a 400 naming %s before any upstream call', async (body, param) => {
    const { mock, provider } = await setup(() => ({ body: imagen }));
    await expect(
      call(provider, 'images.generations', 'imagen-4.0-generate-001', jsonBody(body)).result,
    ).rejects.toMatchObject({ status: 400, param });
    expect(mock.requests).toEqual([]);
  });

  it('refuses a chat model with a 400 naming model', async () => {
    const { provider } = await setup(() => ({ body: imagen }));
    await expect(
      call(provider, 'images.generations', 'gemini-2.5-flash', jsonBody({ prompt: 'x' })).result,
    ).rejects.toMatchObject({ status: 400, param: 'model', code: 'model_not_supported' });
  });

  it('answers 400 content_policy_violation when Imagen filtered every image', async () => {
    const { provider } = await setup(() => ({
      body: { predictions: [{ raiFilteredReason: 'Unable to show generated images.' }] },
    }));
    await expect(
      call(provider, 'images.generations', 'imagen-4.0-generate-001', jsonBody({ prompt: 'x' }))
        .result,
    ).rejects.toMatchObject({ status: 400, code: 'content_policy_violation' });
  });
});

describe('/v1/images/edits on the Gemini API', () => {
  it('sends the prompt and the input image as inline data to a Gemini image model', async () => {
    const { mock, provider } = await setup(() => ({ body: geminiImage }));
    const png = Buffer.from(imagen.predictions[0]?.bytesBase64Encoded ?? '', 'base64');
    const form = await multipart(
      { model: 'gemini-2.5-flash-image', prompt: 'Add a hat' },
      { field: 'image', name: 'cat.png', type: 'image/png', bytes: png },
    );
    const answer = (await call(
      provider,
      'images.edits',
      'gemini-2.5-flash-image',
      form.body,
      form.contentType,
    ).result) as { body: { data: unknown[] } };
    expect(JSON.parse(mock.requests[0]?.body ?? '').contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Add a hat' },
          { inlineData: { mimeType: 'image/png', data: png.toString('base64') } },
        ],
      },
    ]);
    expect(answer.body.data).toHaveLength(1);
  });

  it('refuses a mask, Imagen, and a form without an image', async () => {
    const { mock, provider } = await setup(() => ({ body: geminiImage }));
    const png = Buffer.from(imagen.predictions[0]?.bytesBase64Encoded ?? '', 'base64');
    const masked = await multipart(
      { prompt: 'x' },
      { field: 'mask', name: 'm.png', type: 'image/png', bytes: png },
    );
    await expect(
      call(provider, 'images.edits', 'gemini-2.5-flash-image', masked.body, masked.contentType)
        .result,
    ).rejects.toMatchObject({ status: 400, param: 'mask' });
    const bare = await multipart({ prompt: 'x' });
    await expect(
      call(provider, 'images.edits', 'gemini-2.5-flash-image', bare.body, bare.contentType).result,
    ).rejects.toMatchObject({ status: 400, param: 'image' });
    await expect(
      call(provider, 'images.edits', 'imagen-4.0-generate-001', bare.body, bare.contentType).result,
    ).rejects.toMatchObject({ status: 400, param: 'model' });
    await expect(
      call(provider, 'images.edits', 'gemini-2.5-flash-image', jsonBody({ prompt: 'x' })).result,
    ).rejects.toMatchObject({ status: 415 });
    expect(mock.requests).toEqual([]);
  });
});

/** The PCM of the recorded TTS stream, event by event. */
const recordedPcm = Buffer.concat(
  ttsSse
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: '))
    .map((line) =>
      Buffer.from(
        (
          JSON.parse(line.slice(6)) as {
            candidates: Array<{ content: { parts: Array<{ inlineData: { data: string } }> } }>;
          }
        ).candidates[0]?.content.parts[0]?.inlineData.data ?? '',
        'base64',
      ),
    ),
);

describe('/v1/audio/speech on a Gemini TTS model', () => {
  it('streams the voice config call and answers WAV: a 24 kHz 16-bit mono header, then the PCM as sent', async () => {
    const { mock, provider } = await setup(() => ({ body: ttsSse, sse: true }));
    const { result, context } = call(
      provider,
      'audio.speech',
      'gemini-2.5-flash-preview-tts',
      jsonBody({
        model: 'gemini-2.5-flash-preview-tts',
        input: 'Have a wonderful day!',
        voice: 'kore',
        instructions: 'Say cheerfully',
        response_format: 'wav',
      }),
    );
    const answer = (await result) as RawResultV1;
    expect(mock.requests[0]?.url).toBe(
      '/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent?alt=sse',
    );
    expect(JSON.parse(mock.requests[0]?.body ?? '')).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say cheerfully: Have a wonderful day!' }] }],
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
      },
    });
    expect(answer.headers['content-type']).toBe('audio/wav');
    const wav = await readRaw(answer);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt32LE(28)).toBe(48_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('latin1', 36, 40)).toBe('data');
    expect(wav.subarray(WAV_HEADER_BYTES)).toEqual(recordedPcm);
    expect(context.telemetry?.usage).toEqual({ inputTokens: 8, outputTokens: 48 });
  });

  it('answers pcm as the bytes the model sent, and mp3 as MPEG frames', async () => {
    const { provider } = await setup(() => ({ body: ttsSse, sse: true }));
    const pcm = (await call(
      provider,
      'audio.speech',
      'gemini-2.5-flash-preview-tts',
      jsonBody({
        input: 'hi',
        voice: 'Puck',
        response_format: 'pcm',
      }),
    ).result) as RawResultV1;
    expect(pcm.headers['content-type']).toBe('audio/pcm');
    expect(await readRaw(pcm)).toEqual(recordedPcm);
    const mp3 = (await call(
      provider,
      'audio.speech',
      'gemini-2.5-flash-preview-tts',
      jsonBody({
        input: 'hi',
        voice: 'Puck',
      }),
    ).result) as RawResultV1;
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    const bytes = await readRaw(mp3);
    // An MPEG audio frame sync (11 set bits) opens the stream.
    expect(bytes[0]).toBe(0xff);
    expect((bytes[1] ?? 0) & 0xe0).toBe(0xe0);
  });

  it.each([
    [{ input: 'hi', voice: 'alloy' }, 'voice'],
    [{ input: 'hi', voice: 'Kore', response_format: 'opus' }, 'response_format'],
    [{ input: 'hi', voice: 'Kore', speed: 1.5 }, 'speed'],
    [{ input: 'hi', voice: 'Kore', stream_format: 'sse' }, 'stream_format'],
    [{ voice: 'Kore' }, 'input'],
  ])('refuses %j with a 400 naming %s', async (body, param) => {
    const { mock, provider } = await setup(() => ({ body: ttsSse, sse: true }));
    await expect(
      call(provider, 'audio.speech', 'gemini-2.5-flash-preview-tts', jsonBody(body)).result,
    ).rejects.toMatchObject({ status: 400, param });
    expect(mock.requests).toEqual([]);
  });

  it('keeps an upstream error status when the stream is refused', async () => {
    const { provider } = await setup(() => ({
      status: 404,
      body: readFixtureJson('error.404-model-not-found.json'),
    }));
    await expect(
      call(
        provider,
        'audio.speech',
        'gemini-2.5-flash-preview-tts',
        jsonBody({ input: 'hi', voice: 'Kore' }),
      ).result,
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('/v1/audio/transcriptions and /translations on a Gemini model', () => {
  const wav = () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'latin1');
    header.writeUInt32LE(36 + 48_000, 4);
    header.write('WAVEfmt ', 8, 'latin1');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(24_000, 24);
    header.writeUInt32LE(48_000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'latin1');
    header.writeUInt32LE(48_000, 40);
    return Buffer.concat([header, Buffer.alloc(48_000)]);
  };

  it('sends the instruction with language and prompt, then the audio inline; answers json with usage', async () => {
    const { mock, provider } = await setup(() => ({ body: transcript }));
    const audio = wav();
    const form = await multipart(
      { model: 'gemini-2.5-flash', language: 'en', prompt: 'Greeting card', temperature: '0' },
      { field: 'file', name: 'speech.wav', type: 'audio/wav', bytes: audio },
    );
    const answer = (await call(
      provider,
      'audio.transcriptions',
      'gemini-2.5-flash',
      form.body,
      form.contentType,
    ).result) as { body: unknown };
    const sent = JSON.parse(mock.requests[0]?.body ?? '');
    expect(mock.requests[0]?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.contents[0].parts[0].text).toContain('verbatim transcript');
    expect(sent.contents[0].parts[0].text).toContain('"en"');
    expect(sent.contents[0].parts[0].text).toContain('Greeting card');
    expect(sent.contents[0].parts[1]).toEqual({
      inlineData: { mimeType: 'audio/wav', data: audio.toString('base64') },
    });
    expect(sent.generationConfig).toEqual({ temperature: 0 });
    expect(answer.body).toEqual({
      text: 'Have a wonderful day!',
      usage: {
        type: 'tokens',
        input_tokens: 120,
        output_tokens: 6,
        total_tokens: 126,
        input_token_details: { text_tokens: 24, audio_tokens: 96 },
      },
    });
  });

  it('answers text as plain text and verbose_json with the WAV duration and no segments', async () => {
    const { provider } = await setup(() => ({ body: transcript }));
    const text = await multipart(
      { response_format: 'text' },
      { field: 'file', name: 'a.wav', type: '', bytes: wav() },
    );
    const plain = (await call(
      provider,
      'audio.transcriptions',
      'gemini-2.5-flash',
      text.body,
      text.contentType,
    ).result) as RawResultV1;
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await readRaw(plain)).toEqual(Buffer.from('Have a wonderful day!\n'));
    const verbose = await multipart(
      { response_format: 'verbose_json' },
      { field: 'file', name: 'a.wav', type: 'audio/wav', bytes: wav() },
    );
    const body = (
      (await call(
        provider,
        'audio.translations',
        'gemini-2.5-flash',
        verbose.body,
        verbose.contentType,
      ).result) as { body: Record<string, unknown> }
    ).body;
    expect(body).toMatchObject({
      task: 'translate',
      language: 'english',
      duration: 1,
      text: 'Have a wonderful day!',
    });
    expect(body).not.toHaveProperty('segments');
  });

  it.each([
    [{ response_format: 'srt' }, 'response_format'],
    [{ 'timestamp_granularities[]': 'word' }, 'timestamp_granularities'],
    [{ language: 'English!' }, 'language'],
  ])('refuses %j with a 400 naming %s', async (fields, param) => {
    const { mock, provider } = await setup(() => ({ body: transcript }));
    const form = await multipart(fields, {
      field: 'file',
      name: 'a.wav',
      type: 'audio/wav',
      bytes: wav(),
    });
    await expect(
      call(provider, 'audio.transcriptions', 'gemini-2.5-flash', form.body, form.contentType)
        .result,
    ).rejects.toMatchObject({ status: 400, param });
    expect(mock.requests).toEqual([]);
  });

  it('refuses a file Gemini cannot read and a TTS model', async () => {
    const { provider } = await setup(() => ({ body: transcript }));
    const webm = await multipart(
      {},
      { field: 'file', name: 'a.webm', type: 'audio/webm', bytes: Buffer.from('x') },
    );
    await expect(
      call(provider, 'audio.transcriptions', 'gemini-2.5-flash', webm.body, webm.contentType)
        .result,
    ).rejects.toMatchObject({ status: 400, param: 'file' });
    const ok = await multipart(
      {},
      { field: 'file', name: 'a.wav', type: 'audio/wav', bytes: wav() },
    );
    await expect(
      call(
        provider,
        'audio.transcriptions',
        'gemini-2.5-flash-preview-tts',
        ok.body,
        ok.contentType,
      ).result,
    ).rejects.toMatchObject({ status: 400, param: 'model' });
  });
});
