import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.PluginContractError';
const symbol = Symbol.for(marker);

/** A plugin's default export is not a valid manifest, or speaks another contract version. */
export class PluginContractError extends GatewayError {
  protected readonly [symbol] = true;
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

  /** Whether `error` is a PluginContractError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is PluginContractError {
    return GatewayError.hasMarker(error, marker);
  }
}
