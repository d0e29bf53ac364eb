import type { LoggerV1 } from '@multi-ai-proxy/core';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelRouter } from '../router/model-router.js';
import type { KeyServices } from '../keys/create-key-services.js';
import type { LifecycleState } from '../services/lifecycle-state.js';
import type { ProviderRegistry } from '../services/provider-registry.js';
import type { ResponseStore } from '../state/response-store.js';

/** What route handlers need, resolved from the container once when the router is built. */
export interface RouteDependencies {
  settings: GatewaySettings;
  logger: Logger;
  registry: ProviderRegistry;
  /** The model groups of the config file; undefined when there are none. */
  modelRouter?: ModelRouter;
  lifecycle: LifecycleState;
  /** Responses `/v1/responses` created on translated providers; undefined when the store is off. */
  responseStore?: ResponseStore;
  /** Gateway keys: directory, admission, usage store. */
  keys: KeyServices;
  /** One logger per provider instance, made at startup. */
  providerLoggers: ReadonlyMap<string, LoggerV1>;
  /** koa-body for JSON bodies (size limit, strict objects, raw bytes kept). */
  parseJsonBody: Middleware;
}
