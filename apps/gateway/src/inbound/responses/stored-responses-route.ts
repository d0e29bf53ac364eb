import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import type { GatewayState } from '../../http/gateway-state.js';
import type { RouteDependencies } from '../../http/route-dependencies.js';
import type { StoredResponse } from '../../state/response-store.js';
import { responseNotFoundError } from './response-not-found-error.js';
import { responseOwnerOf } from './response-owner.js';

type Handler = (ctx: Context & { state: GatewayState }) => Promise<void>;

/**
 * `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}` and `GET /v1/responses/{id}/input_items`:
 * a response in the gateway's store (this key's only) is answered from it; any other id goes to the
 * provider that speaks Responses itself (Azure keeps its own store), or is OpenAI's 404 when none does.
 */
export function createStoredResponsesRoutes(
  deps: RouteDependencies,
  passthrough: Handler,
): { retrieve: Handler; remove: Handler; inputItems: Handler } {
  const nativeStore = () =>
    deps.registry.providers.some((provider) =>
      provider.capabilities.passthrough.includes('responses'),
    );
  const withStored =
    (answer: (ctx: Context, record: StoredResponse, id: string) => Promise<void> | void): Handler =>
    async (ctx) => {
      const id = String(ctx.params.responseId ?? '');
      const owner = responseOwnerOf(ctx.state);
      const record =
        deps.responseStore === undefined ? undefined : await deps.responseStore.get(owner, id);
      if (record !== undefined) {
        ctx.state.telemetry?.begin('responses');
        await answer(ctx, record, id);
        return;
      }
      if (nativeStore()) return passthrough(ctx);
      ctx.state.telemetry?.begin('responses');
      throw responseNotFoundError(id);
    };
  return {
    retrieve: withStored((ctx, record) => {
      ctx.body = record.response;
    }),
    remove: withStored(async (ctx, _record, id) => {
      await deps.responseStore?.delete(responseOwnerOf(ctx.state as GatewayState), id);
      ctx.body = { id, object: 'response.deleted', deleted: true };
    }),
    inputItems: withStored((ctx, record) => {
      ctx.body = listInputItems(record.input, ctx.query);
    }),
  };
}

/** OpenAI's cursor page: `limit` 1–100 (20), `order` desc (default) or asc, `after` an item id. */
function listInputItems(
  items: ReadonlyArray<Record<string, unknown>>,
  query: Context['query'],
): Record<string, unknown> {
  const limitText = one(query.limit, 'limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new InvalidRequestError("'limit' must be a whole number from 1 to 100.", {
      param: 'limit',
      code: 'invalid_value',
    });
  const order = one(query.order, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw new InvalidRequestError('\'order\' must be "asc" or "desc".', {
      param: 'order',
      code: 'invalid_value',
    });
  const ordered = order === 'asc' ? [...items] : [...items].reverse();
  const after = one(query.after, 'after');
  let start = 0;
  if (after !== undefined) {
    const at = ordered.findIndex((item) => item.id === after);
    if (at < 0)
      throw new InvalidRequestError(`No input item with id '${after.slice(0, 128)}'.`, {
        param: 'after',
        code: 'invalid_value',
      });
    start = at + 1;
  }
  const data = ordered.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  };
}

function one(value: string | string[] | undefined, param: string): string | undefined {
  if (Array.isArray(value))
    throw new InvalidRequestError(`'${param}' may be given once.`, {
      param,
      code: 'invalid_value',
    });
  return value;
}
