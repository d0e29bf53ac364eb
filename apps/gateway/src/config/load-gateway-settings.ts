import { availableParallelism } from 'node:os';
import type { EnvV1 } from '@multi-ai-proxy/core';
import { ConfigError } from './config-error.js';
import { type GatewaySettings, PROVIDER_MODES, type ProviderMode } from './gateway-settings.js';
import { loadConfigFile } from './load-config-file.js';
import { parseByteSize } from './parse-byte-size.js';
import { parseListenAddress } from './parse-listen-address.js';

const MAX_TIMER_MS = 2_147_483_647;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * All gateway-level settings from the environment (and the config file it names). Every malformed
 * value throws a ConfigError naming the variable and the fix. Provider settings are parsed by each
 * plugin's parseOptions, not here.
 */
export function loadGatewaySettings(env: EnvV1): GatewaySettings {
  const address = env.AZURE_OPENAI_PROXY_ADDRESS?.trim() || '0.0.0.0:11437';
  const listen = parseListenAddress(address);
  if (listen === undefined) throw new ConfigError('AZURE_OPENAI_PROXY_ADDRESS', `"${address}" is not host:port (e.g. 0.0.0.0:11437 or :11437).`);

  const modeValue = env.AZURE_OPENAI_PROXY_MODE?.trim().toLowerCase();
  if (modeValue && !(PROVIDER_MODES as readonly string[]).includes(modeValue)) {
    throw new ConfigError('AZURE_OPENAI_PROXY_MODE', `"${env.AZURE_OPENAI_PROXY_MODE}" is not one of ${PROVIDER_MODES.join(', ')}.`);
  }
  const mode = (modeValue || 'azure') as ProviderMode;

  const configPath = env.MULTI_AI_PROXY_CONFIG?.trim();
  const file = configPath ? loadConfigFile(configPath) : undefined;
  const pluginDirs = [file?.pluginDir, env.MULTI_AI_PROXY_PLUGIN_DIR?.trim()].filter((dir): dir is string => Boolean(dir));

  return {
    listen,
    defaultProvider: file?.defaultProvider ?? mode,
    modeExplicit: Boolean(modeValue) || file?.defaultProvider !== undefined,
    configuredProviders: file?.providers ?? [],
    routes: file?.routes ?? new Map(),
    pluginDirs,
    apiKeys: (env.MULTI_AI_PROXY_API_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    corsOrigins: parseCorsOrigins(env.MULTI_AI_PROXY_CORS_ORIGINS),
    jsonLimitBytes: byteSize(env, 'MULTI_AI_PROXY_JSON_LIMIT', '10mb'),
    multipartLimitBytes: byteSize(env, 'MULTI_AI_PROXY_MULTIPART_LIMIT', '100mb'),
    upstreamTimeoutMs: positiveInteger(env, 'MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS', 600_000),
    shutdownTimeoutMs: positiveInteger(env, 'MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS', 10_000),
    requestTimeoutMs: positiveInteger(env, 'MULTI_AI_PROXY_REQUEST_TIMEOUT_MS', 300_000),
    logLevel: logLevel(env),
    workers: workers(env),
  };
}

function parseCorsOrigins(value: string | undefined): '*' | string[] {
  const origins = (value ?? '*')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

function byteSize(env: EnvV1, name: string, fallback: string): number {
  const value = env[name]?.trim() || fallback;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new ConfigError(name, `"${value}" is not a size; use e.g. 10mb, 512kb or a number of bytes.`);
  return bytes;
}

function positiveInteger(env: EnvV1, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const number = Number(value);
  // Node's timers hold at most 2^31-1 ms; a larger value would silently fire after 1 ms.
  if (!Number.isInteger(number) || number <= 0 || number > MAX_TIMER_MS) {
    throw new ConfigError(name, `"${value}" must be a positive whole number of milliseconds, at most ${MAX_TIMER_MS}.`);
  }
  return number;
}

function logLevel(env: EnvV1): string {
  const value = env.MULTI_AI_PROXY_LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.has(value)) throw new ConfigError('MULTI_AI_PROXY_LOG_LEVEL', `"${value}" is not one of ${[...LOG_LEVELS].join(', ')}.`);
  return value;
}

function workers(env: EnvV1): number {
  const value = env.MULTI_AI_PROXY_WORKERS?.trim().toLowerCase();
  if (!value || value === 'auto') return availableParallelism();
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 256) throw new ConfigError('MULTI_AI_PROXY_WORKERS', `"${value}" must be "auto" or a whole number from 1 to 256.`);
  return number;
}
