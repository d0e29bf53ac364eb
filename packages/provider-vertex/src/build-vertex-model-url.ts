import { InvalidRequestError } from '@multi-ai-proxy/core';
import { joinUrl } from '@multi-ai-proxy/core/provider-utils';

/** Where one Vertex AI instance sends its calls. */
export interface VertexEndpoint {
  baseUrl: string;
  apiVersion: 'v1' | 'v1beta1';
  /** Undefined in express mode, whose paths carry no project or location. */
  projectId: string | undefined;
  location: string;
}

// Publisher model ids (`gemini-2.5-flash`, `text-embedding-005`, `text-bison@002`): nothing that could
// change the path (`/`, `..`, `?`, `#`, `:`).
const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/**
 * What every model path hangs off: `{base}/{version}/projects/{project}/locations/{location}`
 * (express mode: `{base}/{version}`). The Gemini engine appends `/{model path}:{method}`.
 */
export function buildVertexBaseUrl(endpoint: VertexEndpoint): string {
  const scope =
    endpoint.projectId === undefined
      ? ''
      : `/projects/${endpoint.projectId}/locations/${endpoint.location}`;
  return joinUrl(endpoint.baseUrl, `/${endpoint.apiVersion}${scope}`);
}

/** `publishers/google/models/{model}`; refuses (404, before any work) an id that is no publisher model id or could change the URL path. */
export function buildVertexModelPath(model: string): string {
  if (!MODEL_ID_PATTERN.test(model) || model.includes('..')) {
    throw new InvalidRequestError(
      `The model \`${model}\` is not a valid Vertex AI publisher model id.`,
      { param: 'model', code: 'model_not_found', status: 404 },
    );
  }
  return `publishers/google/models/${model}`;
}

/** The Model Garden list of Google's publisher models: a v1beta1 API without project or location. */
export function buildVertexPublisherModelsUrl(endpoint: VertexEndpoint, search: string): string {
  return joinUrl(endpoint.baseUrl, '/v1beta1/publishers/google/models', search);
}
