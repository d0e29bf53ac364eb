import { describe, expect, it } from 'vitest';
import {
  collect,
  fromArray,
  readFixtureJson,
  readFixtureText,
} from '../test/support/read-fixture.js';
import { convertFromGoogleCompletion } from './convert-from-google-completion.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import { convertGoogleStreamToChunks } from './convert-google-stream-to-chunks.js';
import { convertGoogleStreamToCompletionChunks } from './convert-google-stream-to-completion-chunks.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { isPromptBlocked } from './is-prompt-blocked.js';
import { parseGoogleSseStream } from './parse-google-sse-stream.js';

const streamOptions = { model: 'm', provider: 'google', id: 'x', created: 1 };
const recordedStream = () =>
  parseGoogleSseStream(
    fromArray([readFixtureText('streamGenerateContent.prompt-blocked-safety.sse.txt')]),
  );
const recordedAnswer = () =>
  readFixtureJson<GoogleGenerateContentResponse>(
    'generateContent.prompt-feedback-only-no-candidates.response.json',
  );
// Synthetic (no recording of it exists): a no-candidate event whose promptFeedback carries no block reason.
const unblocked: GoogleGenerateContentResponse = {
  candidates: [],
  promptFeedback: {
    safetyRatings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' }],
  },
};

describe('isPromptBlocked', () => {
  it('treats the recorded prompt-blocked answers as blocked, and a no-candidate event without a block reason as not', () => {
    expect(isPromptBlocked(recordedAnswer())).toBe(true);
    expect(isPromptBlocked(unblocked)).toBe(false);
    expect(isPromptBlocked({ usageMetadata: { promptTokenCount: 3 } })).toBe(false);
  });

  it('keeps content_filter for the recorded blocked prompt, streamed and not (chat and completions)', async () => {
    const chat = await collect(convertGoogleStreamToChunks(recordedStream(), streamOptions));
    expect(chat.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
    expect(
      chat.some(
        (chunk) =>
          chunk.choices[0]?.delta.refusal ===
          'The prompt was blocked by Gemini (blockReason SAFETY).',
      ),
    ).toBe(true);
    const completion = await collect(
      convertGoogleStreamToCompletionChunks(recordedStream(), streamOptions),
    );
    expect(completion.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
    expect(
      convertFromGoogleResponse(recordedAnswer(), { model: 'm' }).choices[0]?.finish_reason,
    ).toBe('content_filter');
    expect(
      convertFromGoogleCompletion([recordedAnswer()], { model: 'm' }).choices[0]?.finish_reason,
    ).toBe('content_filter');
  });

  it('does not turn a no-candidate event without a block reason into a refusal', async () => {
    const chat = await collect(convertGoogleStreamToChunks(fromArray([unblocked]), streamOptions));
    expect(chat.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      {},
    ]);
    expect(chat.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    const completion = await collect(
      convertGoogleStreamToCompletionChunks(fromArray([unblocked]), streamOptions),
    );
    expect(completion.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(convertFromGoogleResponse(unblocked, { model: 'm' }).choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: null, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ]);
    expect(convertFromGoogleCompletion([unblocked], { model: 'm' }).choices[0]?.finish_reason).toBe(
      'stop',
    );
  });
});
