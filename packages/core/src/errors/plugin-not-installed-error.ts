import { GatewayError } from './gateway-error.js';

// A literal marker, never derived from the class name: minifiers rename classes, and a plugin's own
// class with the same name must not pass `isInstance`.
const marker = 'multi-ai-proxy.error.PluginNotInstalledError';
const symbol = Symbol.for(marker);

/** A configured plugin package cannot be resolved. Raised at startup. */
export class PluginNotInstalledError extends GatewayError {
  protected readonly [symbol] = true;
  readonly packageName: string;

  constructor(
    packageName: string,
    configKey: string,
    searchedFrom: readonly string[],
    options: { cause?: unknown } = {},
  ) {
    super({
      message:
        `Provider plugin "${packageName}" (${configKey}) is not installed. Looked in: ${searchedFrom.join(', ')}. ` +
        `Install it next to the gateway (e.g. \`pnpm --filter @multi-ai-proxy/gateway add ${packageName}\`) ` +
        'or set MULTI_AI_PROXY_PLUGIN_DIR to the folder whose node_modules holds it.',
      status: 500,
      type: 'server_error',
      code: 'plugin_not_installed',
      expose: false,
      cause: options.cause,
    });
    this.name = 'PluginNotInstalledError';
    this.packageName = packageName;
  }

  /** Whether `error` is a PluginNotInstalledError (or a subclass), from any copy of core. */
  static override isInstance(error: unknown): error is PluginNotInstalledError {
    return GatewayError.hasMarker(error, marker);
  }
}
