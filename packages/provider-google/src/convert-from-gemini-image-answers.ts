import { GatewayError } from '@multi-ai-proxy/core';
import type {
  GoogleCandidate,
  GoogleGenerateContentResponse,
  GooglePart,
} from './google-api-types.js';
import type { OpenAIImageResponse } from './openai-image-response.js';

/** Finish and block reasons that mean Google's filters kept the image back. */
const FILTERED =
  /^(SAFETY|IMAGE_SAFETY|PROHIBITED_CONTENT|IMAGE_PROHIBITED_CONTENT|BLOCKLIST|SPII|RECITATION|IMAGE_RECITATION|OTHER|JAILBREAK|MODEL_ARMOR)$/;

/**
 * The answers of `n` Gemini image calls → OpenAI's image answer: every final image part (thought images
 * of Gemini 3 are drafts and left out) as `b64_json`, usage summed over the calls (prompt tokens by
 * modality as `input_tokens_details`, candidate and thought tokens as output). No image in any answer
 * is a 400 `content_policy_violation` when Google's filters removed it, else a 502 quoting the model's text.
 */
export function convertFromGeminiImageAnswers(
  answers: readonly GoogleGenerateContentResponse[],
  options: { provider: string; upstreamName: string; created: number },
): OpenAIImageResponse {
  const data: OpenAIImageResponse['data'] = [];
  const usage = { input: 0, output: 0, text: 0, image: 0 };
  let format: string | undefined;
  let filtered: string | undefined;
  let said = '';
  for (const answer of answers) {
    const metadata = answer?.usageMetadata;
    usage.input += metadata?.promptTokenCount ?? 0;
    usage.output += (metadata?.candidatesTokenCount ?? 0) + (metadata?.thoughtsTokenCount ?? 0);
    for (const detail of asArray<{ modality?: string; tokenCount?: number }>(
      metadata?.promptTokensDetails,
    )) {
      if (detail?.modality === 'TEXT') usage.text += detail.tokenCount ?? 0;
      if (detail?.modality === 'IMAGE') usage.image += detail.tokenCount ?? 0;
    }
    const blocked = answer?.promptFeedback?.blockReason;
    if (blocked) filtered ??= blocked;
    for (const candidate of asArray<GoogleCandidate>(answer?.candidates)) {
      if (candidate?.finishReason && FILTERED.test(candidate.finishReason))
        filtered ??= candidate.finishReason;
      for (const part of asArray<GooglePart>(candidate?.content?.parts)) {
        if (part?.thought === true) continue;
        const inline = part?.inlineData;
        if (typeof inline?.data === 'string' && inline.mimeType?.startsWith('image/')) {
          data.push({ b64_json: inline.data });
          format ??= inline.mimeType.slice('image/'.length);
        } else if (typeof part?.text === 'string') said += part.text;
      }
    }
  }
  if (data.length === 0) {
    if (filtered !== undefined)
      throw new GatewayError({
        status: 400,
        type: 'invalid_request_error',
        code: 'content_policy_violation',
        param: 'prompt',
        message: `${options.upstreamName} returned no image for this prompt (${filtered}).`,
        expose: true,
      });
    throw new GatewayError({
      status: 502,
      type: 'api_error',
      code: 'no_image_returned',
      message: `Provider "${options.provider}": ${options.upstreamName} answered without an image${said ? `: "${said.slice(0, 300)}"` : ''}.`,
      expose: true,
    });
  }
  const response: OpenAIImageResponse = {
    created: options.created,
    data,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      input_tokens_details: { text_tokens: usage.text, image_tokens: usage.image },
    },
  };
  if (format) response.output_format = format;
  return response;
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
