import { randomBytes } from 'node:crypto';

/** A Claude-style message id (`msg_…`) for translated answers. */
export function createMessageId(): string {
  return `msg_${randomBytes(12).toString('base64url')}`;
}
