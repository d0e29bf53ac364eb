// Images, speech and transcription on Google AI Studio and Vertex AI, with the `openai` client against
// the real gateway process: the mocks answer with the recorded bodies of Google's documented examples
// (fixtures/upstream/{gemini,vertex}: Imagen `:predict`, a Gemini image answer, a TTS stream, a transcript).
import {
  type MockUpstream,
  readFixtureText,
  readJsonFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VERTEX_ACCESS_TOKEN, VERTEX_TOKEN_PATH } from '../mocks/start-vertex-mock.js';
import { createServiceAccountKey } from '../support/create-service-account-key.js';
import { expectOpenAIApiError } from '../support/expect-openai-api-error.js';
import { fixturePath } from '../support/fixture-path.js';
import { type RunningGateway, startGateway } from '../support/start-gateway.js';

const PROJECT = 'media-project';
const VERTEX_MODELS = `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models`;
type Predictions = { predictions: Array<{ bytesBase64Encoded: string; prompt?: string }> };
type ImageAnswer = {
  candidates: Array<{ content: { parts: Array<{ inlineData: { data: string } }> } }>;
};

const gemini = {
  imagen: readJsonFixture<Predictions>(
    fixturePath('gemini', 'predict.imagen-4.0-generate-001.response.json'),
  ),
  image: readJsonFixture<ImageAnswer>(
    fixturePath('gemini', 'generateContent.image.gemini-2.5-flash-image.response.json'),
  ),
  tts: readFixtureText(
    fixturePath('gemini', 'streamGenerateContent.tts.gemini-2.5-flash-preview-tts.sse.txt'),
  ),
  transcript: readJsonFixture(
    fixturePath('gemini', 'generateContent.transcription.gemini-2.5-flash.response.json'),
  ),
  models: readJsonFixture(fixturePath('gemini', 'models.list.response.json')),
};
const vertexImagen = readJsonFixture<Predictions>(
  fixturePath('vertex', 'predict.imagen-4.0-generate-001.response.json'),
);

/** The PCM bytes a recorded TTS stream carries, in order. */
function pcmOf(sse: string): Buffer {
  return Buffer.concat(
    sse
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data: '))
      .map((line) =>
        Buffer.from(
          (JSON.parse(line.slice(6)) as ImageAnswer).candidates[0]!.content.parts[0]!.inlineData
            .data,
          'base64',
        ),
      ),
  );
}

/** A 0.5 s silent 24 kHz 16-bit mono WAV file, as a client would upload it. */
function silentWav(): Buffer {
  const data = Buffer.alloc(24_000);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(24_000, 24);
  header.writeUInt32LE(48_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Released by the streaming test: the TTS route of `gemini-2.5-pro-preview-tts` holds its last events until then. */
let releaseStream: () => void = () => {};
const streamReleased = new Promise<void>((resolve) => {
  releaseStream = resolve;
});
const ttsEvents = gemini.tts
  .split(/\r?\n/)
  .filter((line) => line.startsWith('data: '))
  .map((line) => JSON.parse(line.slice(6)) as unknown);

let google: MockUpstream;
let vertex: MockUpstream;
let gateway: RunningGateway;
let account: ReturnType<typeof createServiceAccountKey>;
let client: OpenAI;

beforeAll(async () => {
  google = await startMockUpstream([
    {
      method: 'POST',
      path: '/v1beta/models/imagen-4.0-generate-001:predict',
      reply: { body: gemini.imagen },
    },
    {
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash-image:generateContent',
      reply: { body: gemini.image },
    },
    {
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent',
      reply: { rawSse: gemini.tts },
    },
    {
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-pro-preview-tts:streamGenerateContent',
      reply: { sse: ttsEvents, pause: { afterEvents: 1, until: streamReleased } },
    },
    {
      method: 'POST',
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      reply: { body: gemini.transcript },
    },
    { method: 'GET', path: '/v1beta/models', reply: { body: gemini.models } },
  ]);
  vertex = await startMockUpstream([
    // SYNTHETIC token answer (Google's OAuth2 token response shape), as the fleet's Vertex mock has it.
    {
      method: 'POST',
      path: VERTEX_TOKEN_PATH,
      reply: {
        body: { access_token: VERTEX_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' },
      },
    },
    {
      method: 'POST',
      path: `${VERTEX_MODELS}/imagen-4.0-generate-001:predict`,
      reply: { body: vertexImagen },
    },
    // The credentials may not list Model Garden: /v1/models serves the built-in Vertex list.
    {
      method: 'GET',
      path: /^\/v1beta1\/publishers\/google\/models/,
      reply: {
        status: 403,
        body: readJsonFixture(fixturePath('vertex', 'error.403-iam-permission-denied.json')),
      },
    },
  ]);
  account = createServiceAccountKey(`${vertex.url}${VERTEX_TOKEN_PATH}`, PROJECT);
  gateway = await startGateway({
    env: {
      GOOGLE_AI_STUDIO_API_KEY: 'gemini-media-key',
      GOOGLE_AI_STUDIO_ENDPOINT: google.url,
      GOOGLE_APPLICATION_CREDENTIALS: account.path,
      VERTEX_AI_PROJECT_ID: PROJECT,
      VERTEX_AI_LOCATION: 'us-central1',
      VERTEX_AI_ENDPOINT: vertex.url,
    },
  });
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'client-key', maxRetries: 0 });
});
afterAll(async () => {
  releaseStream();
  await gateway?.stop();
  await Promise.all([google?.close(), vertex?.close()]);
  account?.remove();
});
beforeEach(() => {
  google.requests.length = 0;
  vertex.requests.length = 0;
});

describe('/v1/images/generations', () => {
  it('answers b64_json images from Imagen on Google AI Studio (sampleCount and aspect ratio sent)', async () => {
    const images = await client.images.generate({
      model: 'google/imagen-4.0-generate-001',
      prompt: 'A robot holding a red skateboard',
      n: 2,
      size: '1792x1024',
      response_format: 'b64_json',
    });
    expect(images.data?.map((image) => image.b64_json)).toEqual(
      gemini.imagen.predictions.map((p) => p.bytesBase64Encoded),
    );
    const [sent] = google.requests;
    expect(sent?.headers['x-goog-api-key']).toBe('gemini-media-key');
    expect(sent?.json()).toEqual({
      instances: [{ prompt: 'A robot holding a red skateboard' }],
      parameters: { sampleCount: 2, aspectRatio: '16:9' },
    });
  });

  it('answers Imagen on Vertex AI with its OAuth token and the rewritten prompt', async () => {
    const images = await client.images.generate({
      model: 'vertex/imagen-4.0-generate-001',
      prompt: 'A robot',
    });
    expect(images.data).toEqual([
      {
        b64_json: vertexImagen.predictions[0]!.bytesBase64Encoded,
        revised_prompt: vertexImagen.predictions[0]!.prompt,
      },
    ]);
    expect(
      vertex.requests.find((request) => request.path.endsWith(':predict'))?.headers.authorization,
    ).toBe(`Bearer ${VERTEX_ACCESS_TOKEN}`);
  });

  it('answers b64_json from a Gemini image model, with usage', async () => {
    const images = await client.images.generate({
      model: 'google/gemini-2.5-flash-image',
      prompt: 'A nano banana dish',
    });
    expect(images.data).toEqual([
      { b64_json: gemini.image.candidates[0]!.content.parts[0]!.inlineData.data },
    ]);
    expect(images.usage).toMatchObject({
      input_tokens: 15,
      output_tokens: 1290,
      total_tokens: 1305,
    });
    expect((google.requests[0]!.json() as { generationConfig: unknown }).generationConfig).toEqual({
      responseModalities: ['IMAGE'],
    });
  });

  it('refuses response_format url with a 400 naming it, before any upstream call', async () => {
    const error = await expectOpenAIApiError(
      client.images.generate({
        model: 'google/imagen-4.0-generate-001',
        prompt: 'x',
        response_format: 'url',
      }),
    );
    expect(error).toMatchObject({ status: 400, param: 'response_format' });
    expect(error.message).toContain('b64_json');
    expect(google.requests).toEqual([]);
  });
});

describe('/v1/images/edits', () => {
  it('sends the uploaded image with the prompt to a Gemini image model', async () => {
    const png = Buffer.from(gemini.imagen.predictions[0]!.bytesBase64Encoded, 'base64');
    const images = await client.images.edit({
      model: 'google/gemini-2.5-flash-image',
      image: await toFile(png, 'cat.png', { type: 'image/png' }),
      prompt: 'Add a small hat',
    });
    expect(images.data).toHaveLength(1);
    const parts = (google.requests[0]!.json() as { contents: Array<{ parts: unknown[] }> })
      .contents[0]!.parts;
    expect(parts).toEqual([
      { text: 'Add a small hat' },
      { inlineData: { mimeType: 'image/png', data: png.toString('base64') } },
    ]);
  });
});

describe('/v1/audio/speech', () => {
  it('streams a WAV whose header describes the PCM the mock sent, followed by exactly that PCM', async () => {
    const response = await client.audio.speech.create({
      model: 'google/gemini-2.5-flash-preview-tts',
      voice: 'Kore',
      input: 'Have a wonderful day!',
      instructions: 'Say cheerfully',
      response_format: 'wav',
    });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await response.arrayBuffer());
    const pcm = pcmOf(gemini.tts);
    expect(wav.length).toBe(44 + pcm.length);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect({
      format: wav.readUInt16LE(20),
      channels: wav.readUInt16LE(22),
      sampleRate: wav.readUInt32LE(24),
      byteRate: wav.readUInt32LE(28),
      blockAlign: wav.readUInt16LE(32),
      bits: wav.readUInt16LE(34),
    }).toEqual({
      format: 1,
      channels: 1,
      sampleRate: 24_000,
      byteRate: 48_000,
      blockAlign: 2,
      bits: 16,
    });
    expect(wav.toString('latin1', 36, 40)).toBe('data');
    // Streamed before its length is known: OpenAI's own streamed WAV carries these sizes.
    expect([wav.readUInt32LE(4), wav.readUInt32LE(40)]).toEqual([0xffffffff, 0xffffffff]);
    expect(wav.subarray(44)).toEqual(pcm);
    expect(google.requests[0]?.url).toBe(
      '/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent?alt=sse',
    );
  });

  it('writes the first audio to the client before the upstream sent the rest', async () => {
    const response = await client.audio.speech.create({
      model: 'google/gemini-2.5-pro-preview-tts',
      voice: 'Kore',
      input: 'Have a wonderful day!',
      response_format: 'wav',
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const firstEventPcm = pcmOf(gemini.tts).length / ttsEvents.length;
    let received = 0;
    while (received < 44 + firstEventPcm) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before the held events were released');
      received += value.length;
    }
    // Header and the first event's samples arrived while the mock still holds the other two events.
    expect(received).toBe(44 + firstEventPcm);
    releaseStream();
    while (!(await reader.read()).done) {
      // drain
    }
  });

  it('answers pcm as the model sent it, and refuses an OpenAI voice name with a 400', async () => {
    const response = await client.audio.speech.create({
      model: 'google/gemini-2.5-flash-preview-tts',
      voice: 'Puck',
      input: 'hi',
      response_format: 'pcm',
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pcmOf(gemini.tts));
    const error = await expectOpenAIApiError(
      client.audio.speech.create({
        model: 'google/gemini-2.5-flash-preview-tts',
        voice: 'alloy',
        input: 'hi',
      }),
    );
    expect(error).toMatchObject({ status: 400, param: 'voice' });
  });
});

describe('/v1/audio/transcriptions', () => {
  it('answers json and text from a Gemini model given the audio inline', async () => {
    const wav = silentWav();
    const json = await client.audio.transcriptions.create({
      model: 'google/gemini-2.5-flash',
      file: await toFile(wav, 'speech.wav', { type: 'audio/wav' }),
      language: 'en',
    });
    expect(json.text).toBe('Have a wonderful day!');
    const [sent] = google.requests;
    const parts = (sent!.json() as { contents: Array<{ parts: Array<Record<string, unknown>> }> })
      .contents[0]!.parts;
    expect(parts[1]).toEqual({
      inlineData: { mimeType: 'audio/wav', data: wav.toString('base64') },
    });
    const text = await client.audio.transcriptions.create({
      model: 'google/gemini-2.5-flash',
      file: await toFile(wav, 'speech.wav', { type: 'audio/wav' }),
      response_format: 'text',
    });
    expect(text).toBe('Have a wonderful day!\n');
  });
});

describe('/v1/models', () => {
  it('lists what each Google model serves', async () => {
    const response = await fetch(`${gateway.baseURL}/models`, {
      headers: { authorization: 'Bearer client-key' },
    });
    const { data } = (await response.json()) as {
      data: Array<{ id: string; capabilities?: Record<string, boolean> }>;
    };
    expect(data.find((model) => model.id === 'gemini-2.5-flash')?.capabilities).toMatchObject({
      chat_completions: true,
      audio_transcriptions: true,
      images_generations: false,
    });
    expect(
      data.find((model) => model.id === 'imagen-4.0-generate-001')?.capabilities,
    ).toMatchObject({
      images_generations: true,
      chat_completions: false,
    });
    expect(data.find((model) => model.id === 'gemini-2.5-flash-tts')?.capabilities).toMatchObject({
      audio_speech: true,
    });
  });
});
