import type { InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';
import type { GatewaySettings } from '../config/gateway-settings.js';
import type { ModelRouter } from '../router/model-router.js';
import type { ProviderRegistry } from '../services/provider-registry.js';
import type { LifecycleState } from '../services/lifecycle-state.js';
import type { GatewayTelemetry } from '../telemetry/gateway-telemetry.js';
import type { KeyServices } from '../keys/create-key-services.js';
import type { ResponseStore } from '../state/response-store.js';

// Explicit symbol tokens: the gateway never relies on emitDecoratorMetadata (vitest's transpiler emits none).
export const SETTINGS: InjectionToken<GatewaySettings> = Symbol('GatewaySettings');
export const LOGGER: InjectionToken<Logger> = Symbol('Logger');
export const PROVIDER_REGISTRY: InjectionToken<ProviderRegistry> = Symbol('ProviderRegistry');
export const LIFECYCLE: InjectionToken<LifecycleState> = Symbol('LifecycleState');
export const TELEMETRY: InjectionToken<GatewayTelemetry> = Symbol('GatewayTelemetry');
/** Registered only when the config file has model groups. */
export const MODEL_ROUTER: InjectionToken<ModelRouter> = Symbol('ModelRouter');
/** Registered only when `responses.store.enabled` is true. */
export const RESPONSE_STORE: InjectionToken<ResponseStore> = Symbol('ResponseStore');
export const KEY_SERVICES: InjectionToken<KeyServices> = Symbol('KeyServices');
