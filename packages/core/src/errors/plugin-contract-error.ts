import { GatewayError } from './gateway-error.js';

/** A plugin's default export is not a valid manifest, or speaks another contract version. */
export class PluginContractError extends GatewayError {
  readonly packageName: string;

  constructor(packageName: string, problem: string, fix: string) {
    super({
      message: `Provider plugin "${packageName}" ${problem}. ${fix}`,
      status: 500,
      type: 'server_error',
      code: 'plugin_contract_mismatch',
      expose: false,
    });
    this.name = 'PluginContractError';
    this.packageName = packageName;
  }
}
