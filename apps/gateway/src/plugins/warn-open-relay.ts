import type { Logger } from 'pino';
import { FIRST_PARTY_PLUGINS } from './first-party-plugins.js';
import type { LoadedProvider } from './loaded-provider.js';

/**
 * Whether an instance of a first-party plugin calls its upstream with a credential of the server
 * (rather than one each client sends), judged from what its parseOptions returned: an `apiKey` for
 * Azure (AZURE_OPENAI_API_KEY, or a serverless deployment's key), Google AI Studio
 * (GOOGLE_AI_STUDIO_API_KEY) and OpenAI (OPENAI_API_KEY); always for Vertex AI, whose every auth mode
 * (service account, Application Default Credentials, express-mode key) belongs to the server.
 * Third-party plugins are not judged: their options are theirs.
 */
export function holdsServerSideCredential(packageName: string, parsedOptions: unknown): boolean {
  const options = (
    typeof parsedOptions === 'object' && parsedOptions !== null ? parsedOptions : {}
  ) as Record<string, unknown>;
  const hasKey = (value: unknown) =>
    typeof value === 'object' && value !== null && isKey((value as { apiKey?: unknown }).apiKey);
  switch (packageName) {
    case FIRST_PARTY_PLUGINS.vertex:
      return true;
    case FIRST_PARTY_PLUGINS.azure: {
      const serverless = options.serverlessDeployments;
      return (
        isKey(options.apiKey) ||
        (serverless instanceof Map && [...serverless.values()].some(hasKey))
      );
    }
    case FIRST_PARTY_PLUGINS.google:
    case FIRST_PARTY_PLUGINS.openai:
      return isKey(options.apiKey);
    default:
      return false;
  }
}

/**
 * Without gateway keys (MULTI_AI_PROXY_API_KEYS), anyone who reaches the port spends the quota of
 * every server-side credential: say so at startup, in one line that names the instances (never a key).
 */
export function warnOpenRelay(
  loaded: readonly LoadedProvider[],
  apiKeys: readonly string[],
  logger: Logger,
): void {
  if (apiKeys.length > 0) return;
  const instances = loaded
    .filter((entry) => entry.holdsServerSideCredential)
    .map((entry) => entry.provider.instanceName);
  if (instances.length === 0) return;
  logger.warn(
    { instances },
    `MULTI_AI_PROXY_API_KEYS is not set: anyone who can reach the gateway uses the server-side credentials of ${instances.join(', ')} (an open relay). ` +
      'Set MULTI_AI_PROXY_API_KEYS to the keys your clients must send, or keep the port private.',
  );
}

function isKey(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
