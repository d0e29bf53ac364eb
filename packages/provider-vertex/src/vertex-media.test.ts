import type { OperationResultV1, RawResultV1 } from '@multi-ai-proxy/core';
import {
  createTestCallContext,
  readFixtureText,
  readJsonFixture,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';

// The OpenAI media routes on Vertex AI (the Gemini engine's media operations on Vertex URLs and its
// OAuth token), against recorded answers of Google's documented Vertex examples.
const MODELS = '/v1/projects/test-project/locations/us-central1/publishers/google/models';
const imagen = readJsonFixture<{
  predictions: Array<{ bytesBase64Encoded: string; prompt: string }>;
}>(fixture('predict.imagen-4.0-generate-001.response.json'));
const geminiImage = readJsonFixture(
  fixture('generateContent.image.gemini-2.5-flash-image.response.json'),
);
const ttsSse = readFixtureText(fixture('streamGenerateContent.tts.gemini-2.5-flash-tts.sse.txt'));

let bed: VertexTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

function call(
  operation: 'images.generations' | 'audio.speech',
  model: string,
  body: unknown,
): Promise<OperationResultV1<unknown>> {
  return bed!.provider.passthrough!(
    {
      operation,
      method: 'POST',
      path: `/v1/${operation.replace('.', '/')}`,
      params: {},
      contentType: 'application/json',
      body: new TextEncoder().encode(JSON.stringify(body)),
    },
    createTestCallContext({ model }),
  ) as Promise<OperationResultV1<unknown>>;
}

describe('media routes on Vertex AI', () => {
  it("generates Imagen images with :predict on the publisher model, with Vertex's rewritten prompt as revised_prompt", async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/imagen-4.0-generate-001:predict`,
          reply: { body: imagen },
        },
      ],
    });
    const answer = (await call('images.generations', 'imagen-4.0-generate-001', {
      prompt: 'A robot holding a red skateboard',
      size: '1024x1792',
    })) as { body: unknown };
    const [sent] = bed.upstream.requests;
    expect(sent?.headers.authorization).toBe('Bearer ya29.vertex-test-1');
    expect(sent?.json()).toEqual({
      instances: [{ prompt: 'A robot holding a red skateboard' }],
      parameters: { sampleCount: 1, aspectRatio: '9:16' },
    });
    expect(answer.body).toMatchObject({
      data: [
        {
          b64_json: imagen.predictions[0]?.bytesBase64Encoded,
          revised_prompt: imagen.predictions[0]?.prompt,
        },
      ],
      output_format: 'png',
    });
  });

  it('generates with a Gemini image model through generateContent', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash-image:generateContent`,
          reply: { body: geminiImage },
        },
      ],
    });
    const answer = (await call('images.generations', 'gemini-2.5-flash-image', {
      prompt: 'A banana',
    })) as {
      body: { data: unknown[]; usage: { total_tokens: number } };
    };
    expect(
      (bed.upstream.requests[0]!.json() as { generationConfig: unknown }).generationConfig,
    ).toEqual({
      responseModalities: ['IMAGE'],
    });
    expect(answer.body.data).toHaveLength(1);
    expect(answer.body.usage.total_tokens).toBe(1305);
  });

  it('streams speech from a Vertex TTS model as WAV', async () => {
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash-tts:streamGenerateContent`,
          reply: { rawSse: ttsSse },
        },
      ],
    });
    const answer = (await call('audio.speech', 'gemini-2.5-flash-tts', {
      input: 'Have a wonderful day!',
      voice: 'Charon',
      response_format: 'wav',
    })) as RawResultV1;
    const chunks: Buffer[] = [];
    for await (const chunk of answer.body as AsyncIterable<Buffer>) chunks.push(chunk);
    const wav = Buffer.concat(chunks);
    const pcm = ttsSse
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map(
        (line) =>
          (
            JSON.parse(line.slice(6)) as {
              candidates: Array<{ content: { parts: Array<{ inlineData: { data: string } }> } }>;
            }
          ).candidates[0]?.content.parts[0]?.inlineData.data ?? '',
      )
      .reduce((sum, data) => sum + Buffer.from(data, 'base64').length, 0);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.length).toBe(44 + pcm);
    expect(
      (bed.upstream.requests[0]!.json() as { generationConfig: { speechConfig: unknown } })
        .generationConfig.speechConfig,
    ).toEqual({ voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Charon' } } });
  });
});
