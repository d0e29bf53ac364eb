// Module resolution hooks (node:module `register`), run on Node's loader thread. A plugin installed
// outside the gateway (MULTI_AI_PROXY_PLUGIN_DIR, a path in the config file) peer-depends on
// @multi-ai-proxy/core: when Node cannot find core from the plugin's own folder, the gateway lends
// its copy, so plugin and host share one core — as a peer dependency promises.

interface HookData {
  /** A file URL inside the gateway package, from which its own dependencies resolve. */
  gatewayParentUrl: string;
}

type NextResolve = (
  specifier: string,
  context: { parentURL?: string; conditions?: string[] },
) => Promise<{ url: string }>;

let gatewayParentUrl = '';

export async function initialize(data: HookData): Promise<void> {
  gatewayParentUrl = data.gatewayParentUrl;
}

export async function resolve(
  specifier: string,
  context: { parentURL?: string; conditions?: string[] },
  nextResolve: NextResolve,
): Promise<{ url: string }> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const isCore =
      specifier === '@multi-ai-proxy/core' || specifier.startsWith('@multi-ai-proxy/core/');
    if (
      !isCore ||
      (error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' ||
      gatewayParentUrl === ''
    )
      throw error;
    return nextResolve(specifier, { ...context, parentURL: gatewayParentUrl });
  }
}
