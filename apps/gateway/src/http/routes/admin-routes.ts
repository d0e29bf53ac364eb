import { timingSafeEqual } from 'node:crypto';
import { AuthenticationError, GatewayError } from '@multi-ai-proxy/core';
import type { Context } from 'koa';
import { describeKeyUsage } from '../../keys/describe-key-usage.js';
import { sha256 } from '../../keys/key-directory.js';
import { keyStateUnavailableError } from '../../keys/key-limit-errors.js';
import type { GatewayState } from '../gateway-state.js';
import { readClientCredentials } from '../read-client-credentials.js';
import type { RouteDependencies } from '../route-dependencies.js';

/**
 * `GET /admin/keys` and `GET /admin/keys/{id}`: each configured key's limits and its usage in the
 * current period (JSON). Only with the config's `admin.key`, sent as Bearer or api-key and compared in
 * constant time; gateway keys do not open these routes.
 */
export function createAdminRoutes(deps: RouteDependencies, adminDigest: Buffer) {
  const authorize = (ctx: Context) => {
    const credentials = readClientCredentials(ctx.headers, []);
    let accepted = false;
    for (const offered of [credentials.bearer, credentials.apiKey])
      if (offered) accepted = timingSafeEqual(sha256(offered), adminDigest) || accepted;
    if (!accepted)
      throw new AuthenticationError(
        'Missing or invalid admin key. Send the config\'s admin.key as "Authorization: Bearer <key>".',
      );
  };
  const describe = async (ctx: Context & { state: GatewayState }, id: string) => {
    const config = deps.keys.directory.byId.get(id);
    if (config === undefined) {
      throw new GatewayError({
        message: `No gateway key with the id "${id}".`,
        status: 404,
        type: 'invalid_request_error',
        code: 'key_not_found',
        param: 'id',
      });
    }
    try {
      return await describeKeyUsage(deps.keys, config);
    } catch (error) {
      if (GatewayError.isInstance(error)) throw error;
      deps.logger.warn(
        {
          requestId: ctx.state.requestId,
          error: { name: (error as Error)?.name, message: (error as Error)?.message },
        },
        'key usage unreadable',
      );
      throw keyStateUnavailableError('the key state store (Redis) did not answer');
    }
  };
  return {
    list: async (ctx: Context & { state: GatewayState }) => {
      authorize(ctx);
      const data = [];
      for (const id of deps.keys.directory.byId.keys()) data.push(await describe(ctx, id));
      ctx.body = { object: 'list', data };
    },
    retrieve: async (ctx: Context & { state: GatewayState }) => {
      authorize(ctx);
      ctx.body = await describe(ctx, String(ctx.params.keyId));
    },
  };
}
