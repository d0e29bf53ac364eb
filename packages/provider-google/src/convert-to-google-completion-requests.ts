import type { CompletionRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { buildGoogleGenerationConfig } from './build-google-generation-config.js';
import { MAX_EMBEDDING_INPUTS } from './embedding-inputs.js';
import type { GoogleGenerateContentRequest } from './google-api-types.js';
import { readTextList } from './read-text-list.js';

export interface ConvertToGoogleCompletionRequestsOptions {
  modelId: string;
}

/**
 * Legacy `/v1/completions` → one GenerateContentRequest per prompt (Gemini has no batch of prompts in
 * one call). Token-id prompts and `suffix` have no Gemini meaning and answer 400; `echo` is applied
 * on the way back; `best_of`, `logit_bias`, `logprobs` (int) and `user` are dropped.
 */
export function convertToGoogleCompletionRequests(
  request: CompletionRequest,
  options: ConvertToGoogleCompletionRequestsOptions,
): GoogleGenerateContentRequest[] {
  const prompts = completionPrompts(request.prompt);
  if (typeof request.suffix === 'string' && request.suffix.length > 0) {
    throw new InvalidRequestError('suffix (fill-in-the-middle) is not supported by Gemini.', {
      param: 'suffix',
    });
  }
  const generationConfig = buildGoogleGenerationConfig(
    {
      max_tokens: request.max_tokens,
      temperature: request.temperature,
      top_p: request.top_p,
      n: request.n,
      stop: request.stop,
      presence_penalty: request.presence_penalty,
      frequency_penalty: request.frequency_penalty,
      seed: request.seed,
    },
    { modelId: options.modelId, useJsonSchema: false },
  );
  return prompts.map((prompt) => {
    const body: GoogleGenerateContentRequest = {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
    };
    if (generationConfig) body.generationConfig = generationConfig;
    return body;
  });
}

/** Prompts per completion request: each one is an upstream call, so the same cap as embedding inputs (OpenAI's 2048). */
export const MAX_COMPLETION_PROMPTS = MAX_EMBEDDING_INPUTS;

/** The prompts of a completion request as strings; token-id prompts and more than MAX_COMPLETION_PROMPTS are refused. */
export function completionPrompts(prompt: CompletionRequest['prompt']): string[] {
  return readTextList(prompt, {
    param: 'prompt',
    max: MAX_COMPLETION_PROMPTS,
    tokenIdsMessage: 'Token-id prompts are not supported by Gemini; send the prompt as text.',
  });
}
