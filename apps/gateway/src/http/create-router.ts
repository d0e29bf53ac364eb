import Router from '@koa/router';
import type { GatewayState } from './gateway-state.js';
import type { RouteDependencies } from './route-dependencies.js';
import { createAdminRoutes } from './routes/admin-routes.js';
import { createChatRoutes } from './routes/chat-routes.js';
import { createHealthRoutes } from './routes/health-routes.js';
import { createModelsRoutes } from './routes/models-routes.js';
import { createNativePassthroughRoute } from './routes/native-passthrough-route.js';
import { createPassthroughRoute } from './routes/passthrough-route.js';
import { createCountTokensRoute, createMessagesRoute } from '../inbound/messages/messages-route.js';
import { createResponsesRoute } from '../inbound/responses/responses-route.js';
import { createStoredResponsesRoutes } from '../inbound/responses/stored-responses-route.js';

/** The OpenAI routes the gateway serves (legacy `/v1/fine_tunes…` included), Anthropic's `/v1/messages`, `/deployments`, the native `/gemini/…` and `/vertex/…` routes, `/healthz`, `/readyz`. */
export function createRouter(deps: RouteDependencies): Router<GatewayState> {
  const router = new Router<GatewayState>();
  const chat = createChatRoutes(deps);
  const models = createModelsRoutes(deps);
  const health = createHealthRoutes(deps);
  const passthrough = (
    operation: Parameters<typeof createPassthroughRoute>[1]['operation'],
    params?: Parameters<typeof createPassthroughRoute>[1]['params'],
  ) => createPassthroughRoute(deps, { operation, params });

  router.get('/healthz', health.healthz);

  const adminDigest = deps.keys.settings.adminDigest;
  if (adminDigest !== undefined) {
    const admin = createAdminRoutes(deps, adminDigest);
    router.get('/admin/keys', admin.list);
    router.get('/admin/keys/:keyId', admin.retrieve);
  }
  router.get('/readyz', health.readyz);

  router.post('/v1/chat/completions', chat.chatCompletions);
  router.post('/v1/completions', chat.completions);
  router.post('/v1/embeddings', chat.embeddings);

  router.get('/v1/models', models.list);
  router.get('/v1/models/{*modelPath}', models.retrieve);

  router.post('/v1/images/generations', passthrough('images.generations'));
  router.post('/v1/images/edits', passthrough('images.edits'));
  router.post('/v1/audio/speech', passthrough('audio.speech'));
  router.post('/v1/audio/transcriptions', passthrough('audio.transcriptions'));
  router.post('/v1/audio/translations', passthrough('audio.translations'));
  router.get('/v1/audio/voices', passthrough('audio.voices'));

  const files = passthrough('files', (ctx) => ({
    fileId: ctx.params.fileId ?? '',
    rest: ctx.path.endsWith('/content') ? '/content' : '',
  }));
  router.get('/v1/files', files).post('/v1/files', files);
  router.get('/v1/files/:fileId', files).delete('/v1/files/:fileId', files);
  router.get('/v1/files/:fileId/content', files);

  const fineTuning = (prefix: string, legacy: boolean) =>
    passthrough('fine_tuning', (ctx) => ({
      rest: ctx.path.slice(prefix.length),
      jobId: ctx.params.jobId ?? '',
      legacy: String(legacy),
    }));
  for (const [prefix, legacy] of [
    ['/v1/fine_tuning/jobs', false],
    ['/v1/fine_tunes', true],
  ] as const) {
    const handler = fineTuning(prefix, legacy);
    router.get(prefix, handler).post(prefix, handler);
    router.get(`${prefix}/:jobId`, handler);
    router.get(`${prefix}/:jobId/events`, handler).get(`${prefix}/:jobId/checkpoints`, handler);
    router
      .post(`${prefix}/:jobId/cancel`, handler)
      .post(`${prefix}/:jobId/pause`, handler)
      .post(`${prefix}/:jobId/resume`, handler);
  }

  const deployments = createPassthroughRoute(deps, {
    operation: 'deployments',
    modelFromPath: (ctx) => ctx.params.deploymentId,
    // No `deploymentId` at all for the list, so providers cannot mistake it for a lookup.
    params: (ctx): Record<string, string> =>
      ctx.params.deploymentId === undefined ? {} : { deploymentId: ctx.params.deploymentId },
  });
  router.get('/deployments', deployments).get('/deployments/:deploymentId', deployments);

  const responses = passthrough('responses', (ctx) => {
    const responseId = ctx.params.responseId ?? '';
    return {
      responseId,
      rest: responseId ? ctx.path.slice(ctx.path.indexOf(responseId) + responseId.length) : '',
    };
  });
  // Passed through to providers that speak Responses, translated to chat completions for the others.
  router.post('/v1/responses', createResponsesRoute(deps));
  // The gateway's own stored responses first (translated providers), then Azure's store.
  const stored = createStoredResponsesRoutes(deps, responses);
  router
    .get('/v1/responses/:responseId', stored.retrieve)
    .delete('/v1/responses/:responseId', stored.remove);
  router.post('/v1/responses/:responseId/cancel', responses);
  router.get('/v1/responses/:responseId/input_items', stored.inputItems);

  // Native Google APIs for Google's own SDKs (`@google/genai` with a custom base URL).
  const gemini = createNativePassthroughRoute(deps, {
    operation: 'gemini.native',
    prefix: '/gemini/',
  });
  router.all('/gemini/{*rest}', gemini);
  const vertex = createNativePassthroughRoute(deps, {
    operation: 'vertex.native',
    prefix: '/vertex/',
  });
  router.all('/vertex/{*rest}', vertex);

  // Anthropic's Messages API: passed through to providers that speak it, translated for the others.
  // Anthropic's SDKs add `?beta=true` on beta calls; the query is ignored here.
  router.post('/v1/messages', createMessagesRoute(deps));
  router.post('/v1/messages/count_tokens', createCountTokensRoute(deps));

  return router;
}
