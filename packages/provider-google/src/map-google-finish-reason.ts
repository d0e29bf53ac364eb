import type { ChatCompletionFinishReason } from '@multi-ai-proxy/core';

const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'LANGUAGE',
]);

/**
 * Gemini `finishReason` → OpenAI `finish_reason` (README "Finish reasons"). STOP with function calls
 * is `tool_calls` (Gemini says STOP there). The tool-call failures (MALFORMED_FUNCTION_CALL,
 * UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS), OTHER and unknown values are `stop`: OpenAI has no
 * error reason, and the answer simply ends there.
 */
export function mapGoogleFinishReason(
  reason: string | undefined | null,
  options: { hasToolCalls?: boolean } = {},
): ChatCompletionFinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && CONTENT_FILTER.has(reason)) return 'content_filter';
  return options.hasToolCalls ? 'tool_calls' : 'stop';
}
