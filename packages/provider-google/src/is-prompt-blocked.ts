import type { GoogleGenerateContentResponse } from './google-api-types.js';

/**
 * A response (or stream event) that says the prompt itself was blocked: no candidates and a block
 * reason in `promptFeedback` (`blockReason`, or only `blockReasonMessage` as in the recorded
 * generateContent.prompt-feedback-only-no-candidates answer). A no-candidate event without one (a
 * usage-only event, `promptFeedback` with only `safetyRatings`) is not a block.
 */
export function isPromptBlocked(response: GoogleGenerateContentResponse): boolean {
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  const feedback = response.promptFeedback;
  return (
    candidates.length === 0 &&
    feedback !== undefined &&
    feedback !== null &&
    (Boolean(feedback.blockReason) || Boolean(feedback.blockReasonMessage))
  );
}
