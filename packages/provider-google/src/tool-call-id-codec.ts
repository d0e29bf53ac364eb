import { randomBytes } from 'node:crypto';

/**
 * Gemini 3 rejects a replayed function call that lost its `thoughtSignature` ("Function call is
 * missing a thought_signature"). OpenAI clients only echo a tool call's `id`, so the signature rides
 * inside it: `<id>__thought__<signature as base64url>`. base64url keeps the id within
 * `[A-Za-z0-9_-]`, which strict clients (and other APIs the id may be forwarded to) require.
 */
export const THOUGHT_SIGNATURE_SEPARATOR = '__thought__';

/** The prefix of ids the gateway invents when Gemini gave the call none. */
export const GENERATED_TOOL_CALL_ID_PREFIX = 'call_';

export function generateToolCallId(): string {
  return GENERATED_TOOL_CALL_ID_PREFIX + randomBytes(12).toString('base64url');
}

/** The OpenAI tool call id for a Gemini call id (or a fresh one) and its optional thought signature. */
export function encodeToolCallId(
  id: string | undefined,
  thoughtSignature: string | undefined,
): string {
  const base = id && id.length > 0 ? id : generateToolCallId();
  if (!thoughtSignature) return base;
  // Character substitution rather than a decode/encode pass: lossless even for a non-canonical signature.
  return (
    base +
    THOUGHT_SIGNATURE_SEPARATOR +
    thoughtSignature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  );
}

/** Splits an OpenAI tool call id back into the call id and the thought signature (standard base64). */
export function decodeToolCallId(toolCallId: string): {
  id: string;
  thoughtSignature: string | undefined;
} {
  const at = toolCallId.indexOf(THOUGHT_SIGNATURE_SEPARATOR);
  if (at < 0) return { id: toolCallId, thoughtSignature: undefined };
  const encoded = toolCallId.slice(at + THOUGHT_SIGNATURE_SEPARATOR.length);
  const id = toolCallId.slice(0, at);
  if (encoded.length === 0 || !/^[A-Za-z0-9_-]+$/.test(encoded))
    return { id, thoughtSignature: undefined };
  const standard = encoded.replace(/-/g, '+').replace(/_/g, '/');
  return { id, thoughtSignature: standard + '='.repeat((4 - (standard.length % 4)) % 4) };
}
