import { joinUrl } from '@multi-ai-proxy/core/provider-utils';

/** One Vertex AI endpoint resource: `projects/{project}/locations/{location}/endpoints/{id}`. */
export interface VertexEndpointResource {
  /** Scheme, host and optional path prefix, from configuration only. */
  baseUrl: string;
  apiVersion: 'v1' | 'v1beta1';
  project: string;
  location: string;
  /** A deployed endpoint's id, or `openapi` (Vertex's shared OpenAI-compatible endpoint for MaaS models). */
  endpointId: string;
}

/** `projects/{p}/locations/{l}/endpoints/{id}`: a tuned Gemini endpoint's "model path" under `{base}/{version}`. */
export function buildVertexEndpointPath(resource: VertexEndpointResource): string {
  return `projects/${resource.project}/locations/${resource.location}/endpoints/${resource.endpointId}`;
}

/**
 * `{base}/{version}/projects/{p}/locations/{l}/endpoints/{id}/chat/completions`, Vertex's
 * OpenAI-compatible Chat Completions route (`openapi` for Model Garden MaaS models, an endpoint id for
 * a self-deployed vLLM/TGI model). Every part comes from configuration checked at startup; the
 * client's model id goes in the body only, never in this URL.
 */
export function buildVertexChatCompletionsUrl(resource: VertexEndpointResource): string {
  return joinUrl(
    resource.baseUrl,
    `/${resource.apiVersion}/${buildVertexEndpointPath(resource)}/chat/completions`,
  );
}
