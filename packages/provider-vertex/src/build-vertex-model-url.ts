import { InvalidRequestError, joinUrl } from '@multi-ai-proxy/core';

/** Where one Vertex AI instance sends its calls. */
export interface VertexEndpoint {
  baseUrl: string;
  apiVersion: 'v1' | 'v1beta1';
  /** Undefined in express mode, whose paths carry no project or location. */
  projectId: string | undefined;
  location: string;
}

export type VertexModelMethod = 'generateContent' | 'streamGenerateContent' | 'predict' | 'embedContent' | 'countTokens';

// Publisher model ids (`gemini-2.5-flash`, `text-embedding-005`, `text-bison@002`): nothing that could
// change the path (`/`, `..`, `?`, `#`, `:`).
const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/**
 * `{base}/{version}/projects/{project}/locations/{location}/publishers/google/models/{model}:{method}`
 * (express mode: `{base}/{version}/publishers/google/models/{model}:{method}`); streaming adds `?alt=sse`.
 */
export function buildVertexModelUrl(endpoint: VertexEndpoint, model: string, method: VertexModelMethod): string {
  checkVertexModelId(model);
  const scope = endpoint.projectId === undefined ? '' : `/projects/${endpoint.projectId}/locations/${endpoint.location}`;
  const path = `/${endpoint.apiVersion}${scope}/publishers/google/models/${model}:${method}`;
  return joinUrl(endpoint.baseUrl, path, method === 'streamGenerateContent' ? 'alt=sse' : undefined);
}

/** Refuses (404, before any work) a model id that is no publisher model id or could change the URL path. */
export function checkVertexModelId(model: string): void {
  if (!MODEL_ID_PATTERN.test(model) || model.includes('..')) {
    throw new InvalidRequestError(`The model \`${model}\` is not a valid Vertex AI publisher model id.`, { param: 'model', code: 'model_not_found', status: 404 });
  }
}

/** The Model Garden list of Google's publisher models: a v1beta1 API without project or location. */
export function buildVertexPublisherModelsUrl(endpoint: VertexEndpoint, search: string): string {
  return joinUrl(endpoint.baseUrl, '/v1beta1/publishers/google/models', search);
}
