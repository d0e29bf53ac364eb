import type { EnvV1 } from '@multi-ai-proxy/core';
import { gatewayEnvironmentSchema } from './gateway-environment-schema.js';

export interface UnknownGatewayVariable {
  name: string;
  /** The gateway variable it is probably a misspelling of. */
  suggestion?: string;
}

const PREFIX = 'MULTI_AI_PROXY_';
const KNOWN = Object.keys(gatewayEnvironmentSchema.shape).filter((name) => name.startsWith(PREFIX));

/**
 * `MULTI_AI_PROXY_*` variables the gateway does not read, so an operator learns at start-up that
 * `MULTI_AI_PROXY_WORKER=4` changed nothing. A variable the config file reads as `${NAME}` (the
 * README's `MULTI_AI_PROXY_ADMIN_KEY`) is in use and not reported.
 */
export function findUnknownGatewayVariables(
  env: EnvV1,
  referencedByConfigFile: ReadonlySet<string> = new Set(),
): UnknownGatewayVariable[] {
  const unknown: UnknownGatewayVariable[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith(PREFIX) || KNOWN.includes(name)) continue;
    if (referencedByConfigFile.has(name)) continue;
    const suggestion = closestKnownName(name);
    unknown.push(suggestion === undefined ? { name } : { name, suggestion });
  }
  return unknown;
}

function closestKnownName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4; // further than three edits is not a typo
  for (const known of KNOWN) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
