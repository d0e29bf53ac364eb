import type { EnvV1 } from '@multi-ai-proxy/core';
import type * as z from 'zod';
import { ConfigError } from './config-error.js';
import { type CpuCountSources, countAvailableCpus } from './count-available-cpus.js';
import { findUnknownGatewayVariables } from './find-unknown-gateway-variables.js';
import { gatewayEnvironmentSchema } from './gateway-environment-schema.js';
import type { GatewaySettings } from './gateway-settings.js';
import { EMPTY_KEYS_SETTINGS } from '../keys/keys-settings.js';
import { loadConfigFile } from './load-config-file.js';
import { RESPONSE_STORE_DEFAULTS } from './responses-section-schema.js';

/**
 * All gateway-level settings from the environment (and the config file it names), validated by
 * gatewayEnvironmentSchema and gatewayConfigSchema. Every malformed value throws a ConfigError naming
 * the variable (or config key), what is wrong and the fix. Provider settings are parsed by each
 * plugin's parseOptions, not here. `cpus` is where `MULTI_AI_PROXY_WORKERS=auto` counts CPUs (tests).
 */
export function loadGatewaySettings(env: EnvV1, cpus: CpuCountSources = {}): GatewaySettings {
  const parsed = gatewayEnvironmentSchema.safeParse(env);
  if (!parsed.success) throw environmentError(parsed.error.issues);
  const vars = parsed.data;

  const file =
    vars.MULTI_AI_PROXY_CONFIG === undefined
      ? undefined
      : loadConfigFile(vars.MULTI_AI_PROXY_CONFIG, env);
  const pluginDirs = [file?.pluginDir, vars.MULTI_AI_PROXY_PLUGIN_DIR].filter(
    (dir): dir is string => Boolean(dir),
  );

  return {
    listen: vars.AZURE_OPENAI_PROXY_ADDRESS,
    defaultProvider: file?.defaultProvider ?? vars.AZURE_OPENAI_PROXY_MODE ?? 'azure',
    modeExplicit: vars.AZURE_OPENAI_PROXY_MODE !== undefined || file?.defaultProvider !== undefined,
    configuredProviders: file?.providers ?? [],
    routes: file?.routes ?? new Map(),
    models: file?.models ?? new Map(),
    state: {
      store: file?.state?.store ?? 'memory',
      // The keys' reading expands `${VAR}` and checks the scheme; both rooms share that one URL.
      redisUrl:
        file?.keys.state.redisUrl ?? vars.MULTI_AI_PROXY_REDIS_URL ?? 'redis://127.0.0.1:6379',
      onError: file?.state?.onError ?? 'open',
    },
    responseStore: {
      ...RESPONSE_STORE_DEFAULTS,
      ...withoutUndefined(file?.responses?.store ?? {}),
      enabled: file?.responses?.store?.enabled ?? false,
    },
    pluginDirs,
    ignoredVariables: findUnknownGatewayVariables(env, file?.referencedVariables),
    apiKeys: vars.MULTI_AI_PROXY_API_KEYS,
    keys: file?.keys ?? EMPTY_KEYS_SETTINGS,
    corsOrigins: vars.MULTI_AI_PROXY_CORS_ORIGINS,
    jsonLimitBytes: vars.MULTI_AI_PROXY_JSON_LIMIT,
    multipartLimitBytes: vars.MULTI_AI_PROXY_MULTIPART_LIMIT,
    upstreamTimeoutMs: vars.MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS,
    shutdownTimeoutMs: vars.MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: vars.MULTI_AI_PROXY_REQUEST_TIMEOUT_MS,
    logLevel: vars.MULTI_AI_PROXY_LOG_LEVEL,
    workers:
      vars.MULTI_AI_PROXY_WORKERS === 'auto'
        ? countAvailableCpus(cpus)
        : vars.MULTI_AI_PROXY_WORKERS,
    telemetry: {
      metrics: vars.MULTI_AI_PROXY_METRICS === 'on',
      metricsAddress: vars.MULTI_AI_PROXY_METRICS_ADDRESS,
      tracing:
        Boolean(vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || vars.OTEL_EXPORTER_OTLP_ENDPOINT) &&
        !isTrue(vars.OTEL_SDK_DISABLED) &&
        vars.OTEL_TRACES_EXPORTER?.toLowerCase() !== 'none',
      captureMessageContent: isTrue(vars.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT),
      genAiLatestExperimental: (vars.OTEL_SEMCONV_STABILITY_OPT_IN ?? '')
        .split(',')
        .some((entry) => entry.trim() === 'gen_ai_latest_experimental'),
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** `MULTI_AI_PROXY_WORKERS: "many" must be …`, and every other bad variable after it. */
function environmentError(issues: readonly z.core.$ZodIssue[]): ConfigError {
  const [first, ...others] = issues.map((issue) => ({
    name: String(issue.path[0]),
    message: issue.message,
  }));
  const rest = others.map((other) => ` ${other.name}: ${other.message}`).join('');
  return new ConfigError(first?.name ?? 'environment', `${first?.message ?? 'is invalid.'}${rest}`);
}
