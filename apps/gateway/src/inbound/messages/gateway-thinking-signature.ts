/**
 * The `signature` of thinking blocks this gateway writes for translated providers (Gemini, Azure…):
 * the chat pivot carries no signature for thinking text, so the block is marked as the gateway's own.
 * Claude Code echoes thinking blocks back with their signature; a real Claude upstream refuses foreign
 * signatures ("Invalid `signature` in `thinking` block"), so the native passthrough removes these blocks
 * and the translation drops their signature. Function-call thought signatures ride in `tool_use.id`.
 */
export const GATEWAY_THINKING_SIGNATURE = 'multi-ai-proxy.thinking.v1';

export function isGatewayThinkingSignature(signature: unknown): boolean {
  return signature === GATEWAY_THINKING_SIGNATURE;
}
