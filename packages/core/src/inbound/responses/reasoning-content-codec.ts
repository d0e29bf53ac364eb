/**
 * A reasoning item's `encrypted_content` as this gateway writes it for translated providers: the
 * thinking text the provider returned (the pivot's `reasoning_content`), so a stateless client that
 * replays the item (Codex sends `include: ["reasoning.encrypted_content"]`) gives it back whole.
 * Function-call thought signatures do not need it: they ride in `call_id`, which every client replays.
 * Not encrypted (the text is the client's own answer), only wrapped so foreign values are recognised.
 */
const PREFIX = 'gwr1.';

export function encodeReasoningContent(text: string): string {
  return PREFIX + Buffer.from(text, 'utf8').toString('base64url');
}

/** The text, or undefined for a value this gateway did not write (e.g. OpenAI's own encrypted reasoning). */
export function decodeReasoningContent(value: string): string | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const body = value.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return undefined;
  return Buffer.from(body, 'base64url').toString('utf8');
}
