import type { Completion, CompletionChoice, CompletionUsage } from '@multi-ai-proxy/core';
import { convertGoogleUsage } from './convert-google-usage.js';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import type { GoogleCandidate, GoogleGenerateContentResponse } from './google-api-types.js';
import { isPromptBlocked } from './is-prompt-blocked.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';

export interface ConvertFromGoogleCompletionOptions {
  model: string;
  /** `n`: choices per prompt (OpenAI numbers choices prompt by prompt). */
  n?: number;
  /** With `echo: true`, the prompts (same order as the responses) are put before each text. */
  echoPrompts?: readonly string[];
  id?: string;
  created?: number;
}

/** One Gemini response per prompt → an OpenAI `text_completion` with usage summed over the calls. */
export function convertFromGoogleCompletion(
  responses: readonly GoogleGenerateContentResponse[],
  options: ConvertFromGoogleCompletionOptions,
): Completion {
  const perPrompt = Math.max(1, options.n ?? 1);
  const choices: CompletionChoice[] = [];
  const usage: CompletionUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const [promptIndex, response] of responses.entries()) {
    const candidates = response.candidates ?? [];
    const echo = options.echoPrompts?.[promptIndex] ?? '';
    if (candidates.length === 0) {
      // No candidates: a blocked prompt when promptFeedback says so, else an empty answer.
      choices.push({
        text: echo,
        index: promptIndex * perPrompt,
        logprobs: null,
        finish_reason: isPromptBlocked(response) ? 'content_filter' : 'stop',
      });
    }
    for (const [position, candidate] of candidates.entries()) {
      choices.push({
        text: echo + textOf(candidate),
        index: promptIndex * perPrompt + (candidate.index ?? position),
        logprobs: null,
        finish_reason: completionFinishReason(candidate.finishReason),
      });
    }
    const callUsage = convertGoogleUsage(response.usageMetadata);
    usage.prompt_tokens += callUsage.prompt_tokens;
    usage.completion_tokens += callUsage.completion_tokens;
    usage.total_tokens += callUsage.total_tokens;
  }
  return {
    id: options.id ?? createCompletionId('cmpl-', responses[0]?.responseId),
    object: 'text_completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices,
    usage,
    system_fingerprint: null,
  };
}

/** Completions know only stop / length / content_filter. */
export function completionFinishReason(
  reason: string | undefined,
): CompletionChoice['finish_reason'] {
  const mapped = mapGoogleFinishReason(reason);
  return mapped === 'length' || mapped === 'content_filter' ? mapped : 'stop';
}

function textOf(candidate: GoogleCandidate): string {
  return (candidate.content?.parts ?? [])
    .map((part) => (typeof part.text === 'string' && part.thought !== true ? part.text : ''))
    .join('');
}
