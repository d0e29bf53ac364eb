import type { Completion } from '@multi-ai-proxy/core';
import {
  checkCompletion,
  checkCompletionChunks,
  collectOperationResult,
  createTestCallContext,
  readRecordingFixture,
  recordingToMockReply,
} from '@multi-ai-proxy/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { startVertexProvider, type VertexTestBed } from '../test/start-vertex-provider.js';

const MODELS = '/v1/projects/test-project/locations/us-central1/publishers/google/models';

describe('createCompletion on Vertex AI', () => {
  let bed: VertexTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('answers a text_completion from the recorded generateContent answer, prompt sent with role user', async () => {
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

    const result = await bed.provider.createCompletion!(
      { model: 'text-bison', prompt: 'why is the sky blue?', max_tokens: 200 },
      createTestCallContext({ model: 'text-bison', upstreamModel: 'gemini-2.5-flash' }),
    );

    expect(result.kind).toBe('json');
    const body = (result as { body: Completion }).body;
    expect(checkCompletion(body, { requireUsage: true })).toEqual([]);
    expect(body).toMatchObject({
      object: 'text_completion',
      model: 'text-bison',
      choices: [{ index: 0, finish_reason: 'length' }],
    });
    expect(body.choices[0]!.text).toMatch(
      /^The sky is blue primarily due to a phenomenon called \*\*Rayleigh scattering\*\*/,
    );
    expect((bed.upstream.requests[0]!.json() as { contents: unknown }).contents).toEqual([
      { role: 'user', parts: [{ text: 'why is the sky blue?' }] },
    ]);
  });

  it('streams text_completion chunks from the recorded stream', async () => {
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

    const result = await bed.provider.createCompletion!(
      {
        model: 'gemini-2.5-flash',
        prompt: 'why is the sky blue?',
        stream: true,
        stream_options: { include_usage: true },
      },
      createTestCallContext({ model: 'gemini-2.5-flash', upstreamModel: 'gemini-2.5-flash' }),
    );
    const collected = await collectOperationResult(result);
    if (collected.kind !== 'stream') throw new Error('expected a stream');
    expect(collected.error).toBeUndefined();
    expect(checkCompletionChunks(collected.chunks, { includeUsage: true })).toEqual([]);
    const text = (collected.chunks as Completion[])
      .map((chunk) => chunk.choices[0]?.text ?? '')
      .join('');
    expect(text).toContain('Rayleigh scattering');
    expect(text.endsWith('-wavelength red and orange light to reach your eyes directly.')).toBe(
      true,
    );
  });

  it('runs at most 4 prompts upstream at once and keeps the prompt order', async () => {
    const [interaction] = readRecordingFixture(
      fixture('generateContent.text.gemini-2.5-flash.recording.json'),
    );
    const recorded = recordingToMockReply(interaction!);
    let running = 0;
    let peak = 0;
    bed = await startVertexProvider({
      routes: [
        {
          method: 'POST',
          path: `${MODELS}/gemini-2.5-flash:generateContent`,
          reply: async () => {
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setTimeout(resolve, 15));
            running -= 1;
            return recorded;
          },
        },
      ],
    });
    const prompts = Array.from({ length: 10 }, (_, index) => `p${index}`);

    const result = await bed.provider.createCompletion!(
      { model: 'gemini-2.5-flash', prompt: prompts, echo: true },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );

    const body = (result as { body: Completion }).body;
    expect(bed.upstream.requests).toHaveLength(10);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    expect(body.choices.map((choice) => [choice.index, choice.text.slice(0, 2)])).toEqual(
      prompts.map((prompt, index) => [index, prompt]),
    );
  });

  it('refuses more than 2048 prompts with a 400 on prompt, without calling Vertex', async () => {
    bed = await startVertexProvider();
    const call = bed.provider.createCompletion!(
      { model: 'gemini-2.5-flash', prompt: Array.from({ length: 2049 }, () => 'x') },
      createTestCallContext({ upstreamModel: 'gemini-2.5-flash' }),
    );
    await expect(call).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'prompt',
    });
    expect(bed.upstream.requests).toHaveLength(0);
  });
});
