import { isGatewayThinkingSignature } from './gateway-thinking-signature.js';

/**
 * Removes the thinking blocks this gateway signed from a Messages body bound for a real Claude upstream
 * (Claude refuses signatures it did not make). The client's bytes come back unchanged when there is none:
 * the marker is looked for in the bytes before anything is parsed.
 */
export function stripGatewayThinkingBlocks(
  body: Record<string, unknown>,
  raw: Uint8Array,
  marker: string,
): Uint8Array {
  if (!Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).includes(marker)) return raw;
  const messages = body.messages;
  if (!Array.isArray(messages)) return raw;
  let changed = false;
  const cleaned = messages.map((message) => {
    const content = (message as { content?: unknown })?.content;
    if (!Array.isArray(content)) return message;
    const kept = content.filter(
      (block) =>
        !(
          (block as { type?: unknown })?.type === 'thinking' &&
          isGatewayThinkingSignature((block as { signature?: unknown }).signature)
        ),
    );
    if (kept.length === content.length) return message;
    changed = true;
    // A turn left empty keeps an empty text block: Claude refuses an empty content list.
    return {
      ...(message as object),
      content: kept.length > 0 ? kept : [{ type: 'text', text: '' }],
    };
  });
  return changed ? Buffer.from(JSON.stringify({ ...body, messages: cleaned })) : raw;
}
