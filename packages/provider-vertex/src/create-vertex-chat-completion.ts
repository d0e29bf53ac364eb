import type { CallContextV1, ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, OperationResultV1 } from '@multi-ai-proxy/core';
import {
  convertFromGoogleResponse,
  convertGoogleStreamToChunks,
  convertToGoogleRequest,
  type FetchMedia,
  type GoogleGenerateContentResponse,
} from '@multi-ai-proxy/provider-google/internal';
import { buildVertexModelUrl } from './build-vertex-model-url.js';
import { openVertexStream } from './open-vertex-stream.js';
import { postVertexJson } from './post-vertex-json.js';
import type { VertexUpstream } from './vertex-upstream.js';

/**
 * OpenAI chat completions on Vertex AI. The conversion is provider-google's, with `flavor: 'vertex'`
 * (every content has a role, tool results under `user`, no function-call ids); only the URL and the
 * authentication are Vertex's own.
 */
export async function createVertexChatCompletion(
  upstream: VertexUpstream,
  request: ChatCompletionRequest,
  context: CallContextV1,
  settings: { modelId: string; fetchMedia: FetchMedia | undefined },
): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>> {
  const { modelId } = settings;
  const body = await convertToGoogleRequest(request, { flavor: 'vertex', modelId, fetchMedia: settings.fetchMedia, signal: context.signal });
  // OpenAI answers with the model name it was called with.
  const clientModel = context.model ?? request.model;
  if (request.stream === true) {
    const events = await openVertexStream(upstream, buildVertexModelUrl(upstream.endpoint, modelId, 'streamGenerateContent'), body, context);
    return {
      kind: 'chunks',
      chunks: convertGoogleStreamToChunks(events, { model: clientModel, provider: upstream.provider, includeUsage: request.stream_options?.include_usage === true }),
    };
  }
  const response = (await postVertexJson(upstream, buildVertexModelUrl(upstream.endpoint, modelId, 'generateContent'), body, context)) as GoogleGenerateContentResponse;
  return { kind: 'json', body: convertFromGoogleResponse(response, { model: clientModel }) };
}
