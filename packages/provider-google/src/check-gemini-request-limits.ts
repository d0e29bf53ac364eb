import type { ChatCompletionRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { readReasoningEffort } from './map-reasoning-effort-to-thinking-config.js';

/** Gemini's `stopSequences` takes at most five. */
export const MAX_STOP_SEQUENCES = 5;
/** Gemini's `candidateCount` is 1 to 8. */
export const MAX_CANDIDATES = 8;

type LimitedFields = Pick<
  ChatCompletionRequest,
  'stop' | 'n' | 'temperature' | 'top_p' | 'top_logprobs' | 'reasoning_effort'
>;

/**
 * Values Gemini answers 400 to, refused before any upstream call (and before media downloads) with the
 * parameter named (README "Refused before the call").
 */
export function checkGeminiRequestLimits(request: LimitedFields): void {
  readReasoningEffort(request.reasoning_effort);
  if (Array.isArray(request.stop) && request.stop.length > MAX_STOP_SEQUENCES) {
    throw refuse(
      'stop',
      `Gemini accepts at most ${MAX_STOP_SEQUENCES} stop sequences; got ${request.stop.length}.`,
    );
  }
  if (
    isSet(request.n) &&
    (!Number.isInteger(request.n) || request.n < 1 || request.n > MAX_CANDIDATES)
  ) {
    throw refuse(
      'n',
      `n must be an integer from 1 to ${MAX_CANDIDATES} on Gemini (candidateCount).`,
    );
  }
  if (
    isSet(request.temperature) &&
    (typeof request.temperature !== 'number' || request.temperature < 0 || request.temperature > 2)
  ) {
    throw refuse('temperature', 'temperature must be a number from 0 to 2.');
  }
  if (
    isSet(request.top_p) &&
    (typeof request.top_p !== 'number' || request.top_p < 0 || request.top_p > 1)
  ) {
    throw refuse('top_p', 'top_p must be a number from 0 to 1.');
  }
  if (
    isSet(request.top_logprobs) &&
    (!Number.isInteger(request.top_logprobs) ||
      request.top_logprobs < 0 ||
      request.top_logprobs > 20)
  ) {
    throw refuse('top_logprobs', 'top_logprobs must be an integer from 0 to 20.');
  }
}

function isSet<T>(value: T): value is NonNullable<T> {
  return value !== undefined && value !== null;
}

function refuse(param: string, message: string): InvalidRequestError {
  return new InvalidRequestError(message, { param, code: 'invalid_value' });
}
