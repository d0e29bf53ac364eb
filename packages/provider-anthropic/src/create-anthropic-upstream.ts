import {
  AuthenticationError,
  type CallContextV1,
  InvalidPluginOptionsError,
  InvalidRequestError,
} from '@multi-ai-proxy/core';
import { isJwt } from '@multi-ai-proxy/core/provider-utils';
import { createVertexAuth } from '@multi-ai-proxy/provider-vertex/auth';
import type { AnthropicProviderOptions } from './anthropic-provider-options.js';
import type { AnthropicUpstream } from './anthropic-upstream.js';

/** Vertex AI's Messages version, sent in the body (the header is not read there). */
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

// Vertex publisher model ids: `claude-sonnet-4-5@20250929`; never `/`, `?`, `#` or `:` in the path.
const VERTEX_MODEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/** The upstream of one instance; Vertex credentials are resolved here, at startup (provider-vertex's code). */
export async function createAnthropicUpstream(
  options: AnthropicProviderOptions,
  provider: string,
): Promise<AnthropicUpstream> {
  const upstream = options.upstream;
  if (upstream.kind === 'vertex') {
    const { auth, projectId: credentialsProject } = await createVertexAuth(upstream.auth, provider);
    const projectId = upstream.projectId ?? credentialsProject;
    if (projectId === undefined)
      throw new InvalidPluginOptionsError(
        provider,
        'ANTHROPIC_VERTEX_PROJECT_ID',
        'is not set and the credentials name no project. Set ANTHROPIC_VERTEX_PROJECT_ID.',
      );
    const modelsUrl = `${upstream.baseUrl}/v1/projects/${encodeURIComponent(projectId)}/locations/${upstream.region}/publishers/anthropic/models`;
    return {
      kind: 'vertex',
      label: 'Vertex AI',
      messagesUrl: (model, stream) =>
        `${modelsUrl}/${checkVertexModel(model)}:${stream ? 'streamRawPredict' : 'rawPredict'}`,
      countTokensUrl: () => `${modelsUrl}/count-tokens:rawPredict`,
      shapeBody: (body, model, operation) => {
        const { model: _model, ...rest } = body;
        // count-tokens takes the model in the body (without a `@default`-style suffix); rawPredict takes it in the path.
        return operation === 'count_tokens'
          ? { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest, model }
          : { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest };
      },
      headers: async () => ({ ...(await auth.authHeaders()), 'content-type': 'application/json' }),
    };
  }
  const label = upstream.kind === 'foundry' ? 'Azure AI Foundry' : 'Anthropic';
  const serverKey = upstream.apiKey;
  return {
    kind: upstream.kind,
    label,
    messagesUrl: () => `${upstream.baseUrl}/v1/messages`,
    countTokensUrl: () => `${upstream.baseUrl}/v1/messages/count_tokens`,
    shapeBody: (body, model) => ({ ...body, model }),
    headers: async (context) => ({
      ...keyHeaders(serverKey, context, upstream.kind === 'foundry', provider),
      'anthropic-version': options.anthropicVersion,
      'content-type': 'application/json',
    }),
  };
}

/**
 * The server-side key in `x-api-key`; without one, the client's: `x-api-key`/`api-key` as `x-api-key`,
 * a bearer token as `Authorization` on Foundry when it is an Entra ID token (a JWT), else as `x-api-key`.
 */
function keyHeaders(
  serverKey: string | undefined,
  context: CallContextV1,
  entraAllowed: boolean,
  provider: string,
): Record<string, string> {
  if (serverKey !== undefined) return { 'x-api-key': serverKey };
  const credentials = context.credentials;
  const clientKey = credentials?.headers?.['x-api-key'] ?? credentials?.apiKey;
  if (clientKey !== undefined) return { 'x-api-key': clientKey };
  const bearer = credentials?.bearer;
  if (bearer !== undefined)
    return entraAllowed && isJwt(bearer)
      ? { authorization: `Bearer ${bearer}` }
      : { 'x-api-key': bearer };
  throw new AuthenticationError(
    `The "${provider}" provider has no API key: set one in its options, or send your own key in x-api-key.`,
  );
}

function checkVertexModel(model: string): string {
  if (!VERTEX_MODEL_PATTERN.test(model))
    throw new InvalidRequestError(`"${model}" is not a Vertex AI model id.`, {
      param: 'model',
      code: 'invalid_value',
    });
  return model;
}
