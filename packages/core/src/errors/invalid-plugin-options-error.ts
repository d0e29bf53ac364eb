import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.InvalidPluginOptionsError';
const symbol = Symbol.for(marker);

/**
 * A plugin's options (config file or environment) are invalid. The message names the provider,
 * the setting and the fix — never the setting's value, which may be a secret.
 */
export class InvalidPluginOptionsError extends GatewayError {
  protected readonly [symbol] = true;
  readonly provider: string;
  readonly setting: string;

  constructor(provider: string, setting: string, problem: string) {
    super({
      message: `Provider "${provider}": ${setting} ${problem}`,
      status: 500,
      type: 'server_error',
      code: 'invalid_plugin_options',
      expose: false,
    });
    this.name = 'InvalidPluginOptionsError';
    this.provider = provider;
    this.setting = setting;
  }

  /** Whether `error` is a InvalidPluginOptionsError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is InvalidPluginOptionsError {
    return GatewayError.hasMarker(error, marker);
  }
}
