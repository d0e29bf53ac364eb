import { describe, expect, it } from 'vitest';
import { buildGoogleGenerationConfig } from './build-google-generation-config.js';
import { convertToGoogleCompletionRequests } from './convert-to-google-completion-requests.js';

const penalties = { presence_penalty: 0.5, frequency_penalty: -0.5 };

describe('buildGoogleGenerationConfig penalties', () => {
  it('drops presence/frequency penalties for Gemini 2.5 and newer (they answer 400 "Penalty is not enabled")', () => {
    for (const modelId of [
      'gemini-2.5-flash',
      'gemini-2.5-pro',
      'gemini-2.5-flash-lite',
      'gemini-3-pro-preview',
      'gemini-flash-latest',
      'publishers/google/models/gemini-2.5-flash',
    ]) {
      expect(
        buildGoogleGenerationConfig(
          { ...penalties, temperature: 0.1 },
          { modelId, useJsonSchema: false },
        ),
        modelId,
      ).toEqual({ temperature: 0.1 });
    }
    expect(
      buildGoogleGenerationConfig(penalties, {
        modelId: 'gemini-3-flash-preview',
        useJsonSchema: true,
      }),
    ).toBeUndefined();
  });

  it('keeps non-zero penalties for older models', () => {
    for (const modelId of ['gemini-2.0-flash', 'gemini-1.5-pro', 'gemma-3-27b-it']) {
      expect(
        buildGoogleGenerationConfig(penalties, { modelId, useJsonSchema: false }),
        modelId,
      ).toEqual({ presencePenalty: 0.5, frequencyPenalty: -0.5 });
    }
  });

  it('never sends a penalty of 0 (OpenAI SDKs send it as the default)', () => {
    expect(
      buildGoogleGenerationConfig(
        { presence_penalty: 0, frequency_penalty: 0 },
        { modelId: 'gemini-2.0-flash', useJsonSchema: false },
      ),
    ).toBeUndefined();
    expect(
      buildGoogleGenerationConfig(
        { presence_penalty: 0, frequency_penalty: 0.3 },
        { modelId: 'gemini-2.0-flash', useJsonSchema: false },
      ),
    ).toEqual({ frequencyPenalty: 0.3 });
  });

  it('applies the same rule to /v1/completions bodies', () => {
    const [modern] = convertToGoogleCompletionRequests(
      { model: 'm', prompt: 'x', max_tokens: 5, ...penalties },
      { modelId: 'gemini-2.5-flash' },
    );
    const [older] = convertToGoogleCompletionRequests(
      { model: 'm', prompt: 'x', max_tokens: 5, ...penalties },
      { modelId: 'gemini-2.0-flash' },
    );
    expect(modern?.generationConfig).toEqual({ maxOutputTokens: 5 });
    expect(older?.generationConfig).toEqual({
      maxOutputTokens: 5,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
  });
});
