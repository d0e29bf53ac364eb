import type { EnvV1 } from '@multi-ai-proxy/core';
import { createPluginOptionsReader } from '@multi-ai-proxy/core/provider-utils';

export interface EchoProviderOptions {
  /** Model ids this instance answers to and lists. */
  models: string[];
  /** Text put before the echoed message. */
  prefix: string;
  /** Pause between streamed chunks, to watch streaming in a demo. */
  chunkDelayMs: number;
}

/**
 * Options from the gateway config file (`raw`), completed from the environment: the config file
 * wins. core's options reader applies the shared rules (booleans, numbers, lists, alias maps) and
 * names the setting in every error (never a value: in a real plugin it may be a secret).
 */
export function parseEchoProviderOptions(raw: unknown, env: EnvV1): EchoProviderOptions {
  const read = createPluginOptionsReader('echo', raw, env);
  read.assertKnownKeys(['models', 'prefix', 'chunkDelayMs']);
  const models = read.list('models', 'ECHO_PROVIDER_MODELS');
  if (models !== undefined && models.length === 0)
    read.fail('models', 'ECHO_PROVIDER_MODELS', 'must be a non-empty list of model ids.');
  return {
    models: models ?? ['echo-1'],
    prefix: read.string('prefix', 'ECHO_PROVIDER_PREFIX', { trim: false }) ?? 'Echo: ',
    chunkDelayMs:
      read.number('chunkDelayMs', 'ECHO_PROVIDER_CHUNK_DELAY_MS', {
        min: 0,
        max: 10_000,
        integer: true,
        unit: 'milliseconds',
      }) ?? 0,
  };
}
