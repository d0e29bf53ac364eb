import type { Middleware } from 'koa';
import type { KoaBodyMiddlewareOptions } from 'koa-body';

/**
 * koa-body's middleware for JSON bodies, with koa-body imported on the first body parsed: its module
 * graph (co-body, formidable and the hashing behind its ids, koa-body's own zod schema) is the
 * largest single cost of start-up (~100 ms on a 2-core machine) and none of it is needed to listen
 * or to answer /healthz. bootstrap calls `preloadJsonBodyParser()` once the server listens, so the
 * import normally finishes before the first model request; one that comes sooner awaits it.
 */
export function createJsonBodyParser(options: Partial<KoaBodyMiddlewareOptions>): Middleware {
  let parser: Promise<Middleware> | undefined;
  return async (ctx, next) => {
    parser ??= importKoaBody().then(({ koaBody }) => koaBody(options) as Middleware);
    // A failed import is not kept: the next request tries again (and fails with the same 500 until then).
    parser.catch(() => {
      parser = undefined;
    });
    return (await parser)(ctx, next);
  };
}

let imported: Promise<typeof import('koa-body')> | undefined;

function importKoaBody(): Promise<typeof import('koa-body')> {
  imported ??= import('koa-body');
  imported.catch(() => {
    imported = undefined;
  });
  return imported;
}

/**
 * Starts the import in the background once the server listens; a failure (a broken install) is
 * reported to `onFailure` at once, so it is in the log before the first request fails on it.
 */
export function preloadJsonBodyParser(onFailure: (error: unknown) => void = () => {}): void {
  importKoaBody().catch(onFailure);
}
