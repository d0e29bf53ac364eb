import type { Context } from 'koa';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { refuseOversizedBody } from './refuse-oversized-body.js';
import type { RouteDependencies } from './route-dependencies.js';

export interface JsonBody {
  body: Record<string, unknown>;
  /** The bytes the client sent (exactly, for UTF-8 bodies without a byte-order mark), for passthrough. */
  raw: Uint8Array;
}

/**
 * Parses the JSON body with koa-body (malformed → 400; over the limit → 413, answered once the rest is
 * discarded) and insists on an object.
 */
export async function readJsonBody(ctx: Context, deps: RouteDependencies): Promise<JsonBody> {
  if (!ctx.is('application/json', '+json')) {
    if (ctx.is('multipart'))
      throw new InvalidRequestError('This route takes a JSON body, not multipart/form-data.', {
        status: 415,
        code: 'unsupported_media_type',
      });
    // `curl -d '{...}'` labels JSON as a form; OpenAI parses it anyway, so does the gateway.
    ctx.req.headers['content-type'] = 'application/json';
  }
  const limit = deps.settings.jsonLimitBytes;
  // A declared length over the limit is refused before any of the body is parsed.
  if ((ctx.request.length ?? 0) > limit) throw await refuseOversizedBody(ctx);
  try {
    await deps.parseJsonBody(ctx, async () => {});
  } catch (error) {
    if ((error as { status?: unknown }).status === 413) throw await refuseOversizedBody(ctx);
    throw error;
  }
  // An empty body is an empty object, so the answer names the missing parameter (`model`).
  const parsed = (
    ctx.request.body === undefined || ctx.request.body === '' ? {} : ctx.request.body
  ) as Record<string, unknown>;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError('The JSON body must be an object.', { code: 'invalid_json' });
  }
  // koa-body's `includeUnparsed` text, encoded back to the bytes it was decoded from; dropped from the
  // request right away, so one copy of the body lives on (the bytes) besides the parsed object.
  const request = ctx.request as { rawBody?: unknown };
  const text = typeof request.rawBody === 'string' ? request.rawBody : '';
  request.rawBody = undefined;
  return { body: parsed, raw: Buffer.from(text, 'utf8') };
}
