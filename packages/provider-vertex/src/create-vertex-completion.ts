import { type CallContextV1, type Completion, type CompletionRequest, InvalidRequestError, type OperationResultV1 } from '@multi-ai-proxy/core';
import {
  completionPrompts,
  convertFromGoogleCompletion,
  convertGoogleStreamToCompletionChunks,
  convertToGoogleCompletionRequests,
  type GoogleGenerateContentResponse,
  mapBounded,
} from '@multi-ai-proxy/provider-google/internal';
import { buildVertexModelUrl } from './build-vertex-model-url.js';
import { openVertexStream } from './open-vertex-stream.js';
import { postVertexJson } from './post-vertex-json.js';
import type { VertexUpstream } from './vertex-upstream.js';

/** Upstream generateContent calls of one completions request in flight at once. */
const MAX_PARALLEL_CALLS = 4;

/** Legacy `/v1/completions` on Vertex: one generateContent call per prompt, provider-google's conversion. */
export async function createVertexCompletion(
  upstream: VertexUpstream,
  request: CompletionRequest,
  context: CallContextV1,
  settings: { modelId: string },
): Promise<OperationResultV1<Completion, Completion>> {
  const { modelId } = settings;
  const bodies = convertToGoogleCompletionRequests(request, { modelId });
  const prompts = completionPrompts(request.prompt);
  const clientModel = context.model ?? request.model;
  if (request.stream === true) {
    const [body] = bodies;
    if (bodies.length !== 1 || body === undefined) throw new InvalidRequestError('Streaming completions take a single prompt on Vertex AI.', { param: 'prompt' });
    const events = await openVertexStream(upstream, buildVertexModelUrl(upstream.endpoint, modelId, 'streamGenerateContent'), body, context);
    return {
      kind: 'chunks',
      chunks: convertGoogleStreamToCompletionChunks(events, {
        model: clientModel,
        provider: upstream.provider,
        includeUsage: request.stream_options?.include_usage === true,
        echoPrompt: request.echo === true ? prompts[0] : undefined,
      }),
    };
  }
  const url = buildVertexModelUrl(upstream.endpoint, modelId, 'generateContent');
  // At most MAX_COMPLETION_PROMPTS prompts (checked by completionPrompts), a few calls in flight at once.
  const responses = await mapBounded(bodies, MAX_PARALLEL_CALLS, (body) => postVertexJson(upstream, url, body, context) as Promise<GoogleGenerateContentResponse>);
  return {
    kind: 'json',
    body: convertFromGoogleCompletion(responses, { model: clientModel, n: request.n ?? 1, echoPrompts: request.echo === true ? prompts : undefined }),
  };
}
