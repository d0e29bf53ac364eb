/**
 * Google's OpenAI-compatible layer carries a Gemini 3 thought signature on a tool call as
 * `extra_content: {google: {thought_signature}}` (ai.google.dev/gemini-api/docs/thought-signatures,
 * "OpenAI compatibility"). The gateway sends it there too, besides encoding it in the tool call id, so
 * clients written for Google's endpoint keep working, and reads it back from there first.
 */
export function toThoughtSignatureExtraContent(
  signature: string | undefined,
): { extra_content: Record<string, unknown> } | undefined {
  return signature ? { extra_content: { google: { thought_signature: signature } } } : undefined;
}

/** The signature a client sent in `tool_calls[].extra_content.google.thought_signature`, if any. */
export function readThoughtSignatureExtraContent(toolCall: unknown): string | undefined {
  const extra = (toolCall as { extra_content?: unknown } | null)?.extra_content;
  const google =
    typeof extra === 'object' && extra !== null
      ? (extra as { google?: unknown }).google
      : undefined;
  const signature =
    typeof google === 'object' && google !== null
      ? (google as { thought_signature?: unknown }).thought_signature
      : undefined;
  return typeof signature === 'string' && signature.length > 0 ? signature : undefined;
}
