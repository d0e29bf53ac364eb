import { GatewayError } from './gateway-error.js';

/**
 * A plugin's options (config file or environment) are invalid. The message names the provider,
 * the setting and the fix — never the setting's value, which may be a secret.
 */
export class InvalidPluginOptionsError extends GatewayError {
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
}
