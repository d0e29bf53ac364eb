import type { UnknownGatewayVariable } from './find-unknown-gateway-variables.js';
import type { KeysSettings } from '../keys/keys-settings.js';
import type { ListenAddress } from './parse-listen-address.js';

export const PROVIDER_MODES = ['azure', 'google', 'vertex', 'openai', 'anthropic'] as const;
export type ProviderMode = (typeof PROVIDER_MODES)[number];

/** One provider instance to load: from the config file, or implied by environment variables. */
export interface ProviderInstanceConfig {
  /** Instance name, also the `name/` model prefix. */
  name: string;
  /** Plugin package specifier. */
  package: string;
  /** Raw plugin options (validated by the plugin's parseOptions). */
  options: unknown;
  /** Where this instance was declared, for error messages (`providers[1]`, `AZURE_OPENAI_PROXY_MODE`). */
  configKey: string;
}

export interface GatewaySettings {
  listen: ListenAddress;
  /** Default provider instance name, if any (config `defaultProvider` or AZURE_OPENAI_PROXY_MODE). */
  defaultProvider: string | undefined;
  /** Whether AZURE_OPENAI_PROXY_MODE was set explicitly (then its plugin is loaded even without credentials). */
  modeExplicit: boolean;
  /** Instances declared in the config file, in order. */
  configuredProviders: ProviderInstanceConfig[];
  /** Extra public model → `instance/upstream-model` routes from the config file. */
  routes: ReadonlyMap<string, string>;
  /** Model groups of the config file (a group of one deployment without fallbacks is a route instead). */
  models: ReadonlyMap<string, ModelGroupSettings>;
  state: StateSettings;
  /** The response store of `/v1/responses` on translated providers (config file `responses.store`). */
  responseStore: ResponseStoreSettings;
  /** Folders whose node_modules may hold third-party plugins, searched before the gateway's own. */
  pluginDirs: string[];
  /** `MULTI_AI_PROXY_*` variables nothing reads (warned about at start-up). */
  ignoredVariables: readonly UnknownGatewayVariable[];
  /** Gateway API keys; empty = no gateway authentication (client keys are forwarded). */
  apiKeys: string[];
  /** Configured gateway keys with limits, prices, the admin key and where key state lives (config file). */
  keys: KeysSettings;
  corsOrigins: '*' | string[];
  jsonLimitBytes: number;
  multipartLimitBytes: number;
  upstreamTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** Time allowed to receive a whole request (headers and body) from a client; 408 after it. */
  requestTimeoutMs: number;
  logLevel: string;
  workers: number;
  telemetry: TelemetrySettings;
}

export interface TelemetrySettings {
  /** `MULTI_AI_PROXY_METRICS` (default on): whether `/metrics` exists at all. */
  metrics: boolean;
  /** `MULTI_AI_PROXY_METRICS_ADDRESS`: serve `/metrics` there instead of on the main port. */
  metricsAddress: ListenAddress | undefined;
  /** On when an OTLP traces endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or `…_TRACES_ENDPOINT`), unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. */
  tracing: boolean;
  /** `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`: record prompts and answers on spans. */
  captureMessageContent: boolean;
  /**
   * `OTEL_SEMCONV_STABILITY_OPT_IN` lists `gen_ai_latest_experimental`: the GenAI metrics under the
   * newest (unreleased) names, `gen_ai_client_inference_*`, instead of the released ones.
   */
  genAiLatestExperimental: boolean;
}

/** The router's settings of one model group (the top-level `router` with the group's overrides). */
export interface RouterSettings {
  retries: number;
  backoffMs: readonly [number, number];
  maxRetryAfterMs: number;
  firstByteTimeoutMs: number;
  deadlineMs: number;
  cooldown: {
    failureRatio: number;
    minRequests: number;
    windowSeconds: number;
    baseMs: number;
    maxMs: number;
  };
}

export interface ModelGroupSettings {
  name: string;
  deployments: { target: string; weight: number; tpm?: number; rpm?: number }[];
  /** Other group names or `instance/model` targets, in order. */
  fallbacks: string[];
  strategy: 'balanced' | 'ordered' | 'random';
  router: RouterSettings;
}

export interface StateSettings {
  store: 'memory' | 'redis';
  redisUrl: string;
  onError: 'open' | 'closed';
}

export interface ResponseStoreSettings {
  enabled: boolean;
  ttlSeconds: number;
  /** Memory store only (Redis bounds its memory itself, every key expiring). */
  maxEntries: number;
  maxBytes: number;
  /** A larger record (input history and output) is not stored. */
  maxResponseBytes: number;
}
