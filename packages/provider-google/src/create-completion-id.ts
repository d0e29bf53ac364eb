import { randomBytes } from 'node:crypto';

/** An OpenAI-style response id (`chatcmpl-…`, `cmpl-…`): Gemini's responseId when there is one. */
export function createCompletionId(prefix: 'chatcmpl-' | 'cmpl-', responseId?: string): string {
  return prefix + (responseId && /^[A-Za-z0-9_-]+$/.test(responseId) ? responseId : randomBytes(12).toString('base64url'));
}
