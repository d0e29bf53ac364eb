/** Every key the gateway keeps in Redis starts with this (a deployment's settings may add a per-run prefix in tests). */
export const REDIS_KEY_PREFIX = 'mpx:';

/**
 * `mpx:{dep:azure-eu/gpt-4o}:state`: the braces are a Redis Cluster hash tag, so every key of one
 * subject (a deployment here; a gateway key later, `{vk:<id>}`) lands in one slot and one Lua script
 * may touch them together.
 */
export function redisKey(prefix: string, kind: string, id: string, part: string): string {
  return `${prefix}{${kind}:${id}}:${part}`;
}
