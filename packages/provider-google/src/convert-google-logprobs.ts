import type { ChatCompletionLogprobs } from '@multi-ai-proxy/core';
import type { GoogleLogprobsResult } from './google-api-types.js';

/** Gemini `logprobsResult` → OpenAI `choices[].logprobs`, or null when Gemini sent none. */
export function convertGoogleLogprobs(
  result: GoogleLogprobsResult | undefined,
): ChatCompletionLogprobs | null {
  const chosen = result?.chosenCandidates;
  if (!Array.isArray(chosen) || chosen.length === 0) return null;
  return {
    content: chosen.map((candidate, index) => ({
      token: candidate.token ?? '',
      logprob: candidate.logProbability ?? 0,
      bytes: candidate.token === undefined ? null : [...Buffer.from(candidate.token, 'utf8')],
      top_logprobs: (result?.topCandidates?.[index]?.candidates ?? []).map((top) => ({
        token: top.token ?? '',
        logprob: top.logProbability ?? 0,
        bytes: top.token === undefined ? null : [...Buffer.from(top.token, 'utf8')],
      })),
    })),
    refusal: null,
  };
}
