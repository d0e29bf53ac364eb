import { GatewayError } from '../errors/gateway-error.js';
import type { EnvV1, ProviderPluginV1 } from '../plugin/provider-plugin-v1.js';
import { PASSTHROUGH_OPERATIONS_V1 } from '../provider/passthrough-operation-v1.js';
import { createTestPluginContext } from './create-test-plugin-context.js';
import { isRecord } from './value-guards.js';

const KNOWN_OPERATIONS: ReadonlySet<string> = new Set(PASSTHROUGH_OPERATIONS_V1);

/**
 * Contract problems beyond the manifest shape: what the host relies on when it loads a plugin.
 * `detectFromEnv({})` is false (an empty environment must not switch the plugin on), bad options
 * raise a GatewayError (InvalidPluginOptionsError) rather than a TypeError, the provider takes the
 * instance name it is given, and its routing hooks are synchronous and cheap.
 */
export async function checkProviderContract(
  plugin: ProviderPluginV1,
  options: { rawOptions: unknown; env: EnvV1 },
): Promise<string[]> {
  const problems: string[] = [];
  if (plugin.detectFromEnv !== undefined) {
    const detected: unknown = plugin.detectFromEnv({});
    if (typeof detected !== 'boolean')
      problems.push(`detectFromEnv({}) must return a boolean, got ${typeof detected}`);
    else if (detected)
      problems.push(
        'detectFromEnv({}) must be false: an empty environment would load this plugin into every gateway',
      );
  }
  for (const bad of [42, 'not-an-object', [1, 2]]) {
    try {
      plugin.parseOptions(bad, {});
    } catch (error) {
      if (!GatewayError.isInstance(error)) {
        problems.push(
          `parseOptions(${JSON.stringify(bad)}) threw ${error instanceof Error ? error.name : typeof error} instead of InvalidPluginOptionsError`,
        );
      }
    }
  }
  const instanceName = `${plugin.name}-second`;
  const provider = await plugin.createProvider(
    plugin.parseOptions(options.rawOptions, options.env),
    createTestPluginContext({ instanceName }),
  );
  try {
    if (provider.instanceName !== instanceName) {
      problems.push(
        `createProvider must return instanceName = context.instanceName ("${instanceName}"), got "${provider.instanceName}" (two instances of one plugin must be told apart)`,
      );
    }
    for (const operation of provider.capabilities.passthrough) {
      if (!KNOWN_OPERATIONS.has(operation))
        problems.push(`capabilities.passthrough names an unknown operation "${operation}"`);
    }
    if (
      provider.capabilities.streaming &&
      !provider.capabilities.chatCompletions &&
      !provider.capabilities.completions
    ) {
      problems.push(
        'capabilities.streaming is true but the provider serves neither chat completions nor completions',
      );
    }
    if (
      provider.modelPatterns !== undefined &&
      (!Array.isArray(provider.modelPatterns) ||
        provider.modelPatterns.some(
          (pattern) => typeof pattern !== 'string' || pattern.length === 0,
        ))
    ) {
      problems.push('modelPatterns must be an array of non-empty glob strings');
    }
    if (provider.mapModel !== undefined) {
      for (const model of ['gpt-4o', 'no-such-model-conformance-check']) {
        const mapped: unknown = provider.mapModel(model);
        if (mapped !== undefined && typeof mapped !== 'string') {
          problems.push(
            `mapModel("${model}") must return a string or undefined synchronously, got ${isRecord(mapped) && 'then' in mapped ? 'a Promise' : typeof mapped}`,
          );
        }
      }
    }
    if (provider.countTokens !== undefined && typeof provider.countTokens !== 'function')
      problems.push('countTokens must be a function (or absent: the host then estimates)');
    if (provider.knownModels !== undefined) {
      const known: unknown = provider.knownModels();
      if (known !== undefined && !(known instanceof Set))
        problems.push('knownModels() must return a Set or undefined, without I/O');
    }
  } finally {
    await provider.close?.();
  }
  return problems;
}
