import type { LoggerV1 } from '../provider/logger-v1.js';
import type { ProviderV1 } from '../provider/provider-v1.js';

/** Environment variables as read at startup (process env merged with `.env`). */
export type EnvV1 = Readonly<Record<string, string | undefined>>;

/** What the host hands a plugin when it creates an instance. */
export interface PluginContextV1 {
  /** The instance name from configuration (also the `instance/` model prefix). */
  instanceName: string;
  logger: LoggerV1;
  /**
   * The gateway's upstream timeout (ms): the longest wait for response headers, and the longest silence
   * inside a streamed body. Providers pass it to core's `sendUpstreamRequest` / `openUpstreamStream`.
   */
  upstreamTimeoutMs: number;
}

/**
 * A provider plugin package's default export: a plain manifest, checked by the host at load time.
 * Build it with `defineProviderPlugin` so TypeScript checks the shape.
 */
export interface ProviderPluginV1<Options = unknown> {
  contractVersion: 1;
  /** Plugin id and default instance name (`azure`, `google`, …): lower-case, no `/`. */
  name: string;
  packageName: string;
  version: string;
  /**
   * Lower-case names of request headers that carry this plugin's client credentials besides
   * `authorization` and `api-key` (e.g. `['x-goog-api-key']`). The host removes them from every
   * provider's `headers` and hands them to this plugin's instances in `credentials.headers`.
   */
  clientCredentialHeaders?: readonly string[];
  /**
   * Whether the environment alone configures this plugin (its credentials or endpoint are set).
   * The host loads every plugin whose answer is true, without a config file.
   */
  detectFromEnv?(env: EnvV1): boolean;
  /**
   * Validate options (`raw` from the config file, possibly empty) completed from `env`.
   * Throws InvalidPluginOptionsError naming the provider and the setting.
   */
  parseOptions(raw: unknown, env: EnvV1): Options;
  createProvider(options: Options, context: PluginContextV1): ProviderV1 | Promise<ProviderV1>;
}
