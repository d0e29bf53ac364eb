import { describe, expect, it } from 'vitest';
import { readFixtureJson, readRecording } from '../test/support/read-fixture.js';
import { convertFromGoogleCompletion } from './convert-from-google-completion.js';
import { convertToGoogleCompletionRequests } from './convert-to-google-completion-requests.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';

describe('completion conversion', () => {
  it('builds the recorded request body from a legacy completion request', () => {
    const recording = readRecording('generateContent.text.gemini-2.5-flash.recording.json');
    const [body] = convertToGoogleCompletionRequests(
      { model: 'gemini-2.5-flash', prompt: 'why is the sky blue?', max_tokens: 200, n: 1 },
      { modelId: 'gemini-2.5-flash' },
    );
    expect(body).toEqual({
      contents: (recording.request as { contents: unknown }).contents,
      generationConfig: { candidateCount: 1, maxOutputTokens: 200 },
    });
  });

  it('answers text_completion choices with length / content_filter finish reasons from recordings', () => {
    const [maxTokens] = readRecording('generateContent.text.gemini-2.5-flash.recording.json')
      .response as GoogleGenerateContentResponse[];
    const safety = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.finish-reason-safety.response.json',
    );
    const blocked = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.prompt-feedback-only-no-candidates.response.json',
    );
    const result = convertFromGoogleCompletion(
      [maxTokens as GoogleGenerateContentResponse, safety, blocked],
      { model: 'm', id: 'cmpl-1', created: 1 },
    );
    expect(result.choices.map((choice) => [choice.index, choice.finish_reason])).toEqual([
      [0, 'length'],
      [1, 'content_filter'],
      [2, 'content_filter'],
    ]);
    expect(result.choices[1]?.text).toBe('Safety error incoming in 5, 4, 3, 2...');
    expect(result.usage).toEqual({ prompt_tokens: 14, completion_tokens: 217, total_tokens: 231 });
  });

  it('refuses token prompts and suffix', () => {
    expect(() =>
      convertToGoogleCompletionRequests(
        { model: 'm', prompt: [1, 2] },
        { modelId: 'gemini-2.5-flash' },
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: 'prompt' }));
    expect(() =>
      convertToGoogleCompletionRequests(
        { model: 'm', prompt: 'a', suffix: 'b' },
        { modelId: 'gemini-2.5-flash' },
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: 'suffix' }));
  });
});
