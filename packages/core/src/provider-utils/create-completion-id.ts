import { randomBytes } from 'node:crypto';

export type CompletionIdPrefix = 'chatcmpl-' | 'cmpl-';

/** An OpenAI-style response id (`chatcmpl-…`, `cmpl-…`): the upstream's own response id when it is URL-safe, else random. */
export function createCompletionId(prefix: CompletionIdPrefix, responseId?: string): string {
  return (
    prefix +
    (responseId && /^[A-Za-z0-9_-]+$/.test(responseId)
      ? responseId
      : randomBytes(12).toString('base64url'))
  );
}
