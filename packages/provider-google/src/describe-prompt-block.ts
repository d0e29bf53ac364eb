import type { GooglePromptFeedback } from './google-api-types.js';

/** The refusal text for a prompt Gemini blocked (`promptFeedback`, no candidates). */
export function describePromptBlock(feedback: GooglePromptFeedback | undefined): string {
  const reason = feedback?.blockReason ?? 'BLOCK_REASON_UNSPECIFIED';
  const detail = feedback?.blockReasonMessage ? `: ${feedback.blockReasonMessage}` : '.';
  return `The prompt was blocked by Gemini (blockReason ${reason})${detail}`;
}
