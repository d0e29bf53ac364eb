import { type EnvV1, InvalidPluginOptionsError } from '@multi-ai-proxy/core';

export interface EchoProviderOptions {
  /** Model ids this instance answers to and lists. */
  models: string[];
  /** Text put before the echoed message. */
  prefix: string;
  /** Pause between streamed chunks, to watch streaming in a demo. */
  chunkDelayMs: number;
}

const KNOWN_KEYS = new Set(['models', 'prefix', 'chunkDelayMs']);

/**
 * Options from the gateway config file (`raw`), completed from the environment: the config file
 * wins. Every problem names the setting and how to fix it (never a value: in a real plugin it may
 * be a secret).
 */
export function parseEchoProviderOptions(raw: unknown, env: EnvV1): EchoProviderOptions {
  const options = raw ?? {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new InvalidPluginOptionsError('echo', 'options', 'must be a mapping (e.g. { models: ["echo-1"] }).');
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) throw new InvalidPluginOptionsError('echo', `options.${key}`, `is not an option of this plugin (known: ${[...KNOWN_KEYS].join(', ')}).`);
  }
  return {
    models: parseModels(record.models, env.ECHO_PROVIDER_MODELS),
    prefix: parsePrefix(record.prefix, env.ECHO_PROVIDER_PREFIX),
    chunkDelayMs: parseDelay(record.chunkDelayMs, env.ECHO_PROVIDER_CHUNK_DELAY_MS),
  };
}

function parseModels(value: unknown, fromEnv: string | undefined): string[] {
  if (value === undefined) {
    const listed = (fromEnv ?? '').split(',').map((model) => model.trim()).filter(Boolean);
    return listed.length > 0 ? listed : ['echo-1'];
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((model) => typeof model === 'string' && model.length > 0)) {
    throw new InvalidPluginOptionsError('echo', 'options.models', 'must be a non-empty list of model ids.');
  }
  return value as string[];
}

function parsePrefix(value: unknown, fromEnv: string | undefined): string {
  if (value === undefined) return fromEnv ?? 'Echo: ';
  if (typeof value !== 'string') throw new InvalidPluginOptionsError('echo', 'options.prefix', 'must be a string.');
  return value;
}

function parseDelay(value: unknown, fromEnv: string | undefined): number {
  const candidate = value ?? (fromEnv === undefined ? 0 : Number(fromEnv));
  if (typeof candidate !== 'number' || !Number.isInteger(candidate) || candidate < 0 || candidate > 10_000) {
    throw new InvalidPluginOptionsError('echo', value === undefined ? 'ECHO_PROVIDER_CHUNK_DELAY_MS' : 'options.chunkDelayMs', 'must be a whole number of milliseconds between 0 and 10000.');
  }
  return candidate;
}
