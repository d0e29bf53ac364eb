import { GatewayError, UpstreamApiError } from '@multi-ai-proxy/core';
import type { OpenAIImageResponse } from './openai-image-response.js';

export interface ImagenPredictResponse {
  predictions?: Array<{
    bytesBase64Encoded?: string;
    mimeType?: string;
    /** The rewritten prompt (Vertex, `enhancePrompt`). */
    prompt?: string;
    /** Why an image was filtered (`includeRaiReason`). */
    raiFilteredReason?: string;
  }>;
}

/**
 * Imagen's predictions → OpenAI's image answer: each image's bytes as `b64_json`, Vertex's rewritten
 * `prompt` as `revised_prompt`. Imagen reports no token usage, so there is none. Filtered images are
 * left out; when every image was filtered the answer is OpenAI's 400 `content_policy_violation`.
 */
export function convertFromImagenPredictions(
  response: ImagenPredictResponse,
  options: { provider: string; upstreamName: string; created: number },
): OpenAIImageResponse {
  if (typeof response !== 'object' || response === null)
    throw new UpstreamApiError({
      provider: options.provider,
      status: 502,
      type: 'api_error',
      code: 'bad_upstream_response',
      message: `Provider "${options.provider}": ${options.upstreamName} answered :predict with no predictions object.`,
    });
  const predictions = Array.isArray(response.predictions) ? response.predictions : [];
  const data: OpenAIImageResponse['data'] = [];
  let mimeType: string | undefined;
  for (const prediction of predictions) {
    if (typeof prediction?.bytesBase64Encoded !== 'string') continue;
    const image: OpenAIImageResponse['data'][number] = { b64_json: prediction.bytesBase64Encoded };
    if (typeof prediction.prompt === 'string') image.revised_prompt = prediction.prompt;
    data.push(image);
    mimeType ??= prediction.mimeType;
  }
  if (data.length === 0) {
    const reason = predictions.find(
      (prediction) => prediction?.raiFilteredReason,
    )?.raiFilteredReason;
    throw new GatewayError({
      status: 400,
      type: 'invalid_request_error',
      code: 'content_policy_violation',
      param: 'prompt',
      message: `${options.upstreamName} returned no image for this prompt${reason ? `: ${reason}` : ' (its safety filters removed every image)'}.`,
      expose: true,
    });
  }
  const answer: OpenAIImageResponse = { created: options.created, data };
  const format = mimeType?.replace(/^image\//, '');
  if (format) answer.output_format = format;
  return answer;
}
