import { createHash } from 'node:crypto';
import type { GatewayState } from '../../http/gateway-state.js';

/**
 * Whose a stored response is: the gateway key the request authenticated with, else (the gateway
 * forwards client keys) the client's credentials. Only a SHA-256 digest is used, in store keys and
 * never in logs, so another key's responses are simply not found.
 */
export function responseOwnerOf(state: GatewayState): string {
  const source =
    state.key !== undefined
      ? `key\u0000${state.key.id}`
      : `client\u0000${state.credentials?.bearer ?? ''}\u0000${state.credentials?.apiKey ?? ''}\u0000${Object.entries(
          state.credentials?.headers ?? {},
        )
          .sort(([left], [right]) => left.localeCompare(right))
          .map(([name, value]) => `${name}=${value}`)
          .join('\u0000')}`;
  return createHash('sha256').update(source).digest('base64url');
}
