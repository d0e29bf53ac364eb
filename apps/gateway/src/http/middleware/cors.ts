import type { Middleware } from 'koa';
import type { GatewayState } from '../gateway-state.js';

const FIXED_HEADERS = [
  'Authorization',
  'api-key',
  'Content-Type',
  'x-request-id',
  'OpenAI-Organization',
  'OpenAI-Project',
  'OpenAI-Beta',
];

/** The fixed list (plus the loaded plugins' credential headers) and whatever else the browser asks for, each name once. */
function withRequestedHeaders(
  allowed: string,
  allowedLower: ReadonlySet<string>,
  requested: string,
): string {
  const extra = requested
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0 && !allowedLower.has(name.toLowerCase()));
  return extra.length === 0 ? allowed : `${allowed}, ${[...new Set(extra)].join(', ')}`;
}

const EXPOSED_HEADERS =
  'x-request-id, retry-after, retry-after-ms, x-ratelimit-limit-requests, x-ratelimit-limit-tokens, x-ratelimit-remaining-requests, x-ratelimit-remaining-tokens, x-ratelimit-reset-requests, x-ratelimit-reset-tokens';

/**
 * CORS on every response (not only on preflight) and preflight answered for every
 * path without calling any upstream. Browsers running the OpenAI SDK send extra `x-stainless-*`
 * headers, so the requested headers are allowed in addition to the fixed list.
 */
export function createCorsMiddleware(
  origins: '*' | readonly string[],
  credentialHeaders: readonly string[] = [],
): Middleware<GatewayState> {
  const allowList = origins === '*' ? undefined : new Set(origins);
  const names = [
    ...FIXED_HEADERS,
    ...credentialHeaders.filter(
      (name) => !FIXED_HEADERS.some((fixed) => fixed.toLowerCase() === name),
    ),
  ];
  const allowed = names.join(', ');
  const allowedLower = new Set(names.map((name) => name.toLowerCase()));
  return async (ctx, next) => {
    const origin = ctx.get('origin');
    if (allowList === undefined) {
      ctx.set('access-control-allow-origin', '*');
    } else {
      ctx.vary('origin');
      if (origin && allowList.has(origin)) ctx.set('access-control-allow-origin', origin);
    }
    ctx.set('access-control-expose-headers', EXPOSED_HEADERS);
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      ctx.set(
        'access-control-allow-headers',
        withRequestedHeaders(allowed, allowedLower, ctx.get('access-control-request-headers')),
      );
      ctx.set('access-control-max-age', '86400');
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    await next();
  };
}
