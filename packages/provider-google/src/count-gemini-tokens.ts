import type { ChatCompletionRequest, ModelCallContextV1, TokenCountV1 } from '@multi-ai-proxy/core';
import {
  convertFromGoogleCountTokens,
  convertToGoogleCountTokensRequest,
} from './convert-google-count-tokens.js';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';
import type { GoogleCountTokensResponse } from './google-api-types.js';
import { requestGeminiJson } from './request-gemini-json.js';

/** Where one count goes: the engine's `:countTokens` URL and the model's ids. */
export interface GeminiCountTokensCall {
  url: string;
  /** Bare model id, for the model traits the conversion reads (`gemini-3-pro-preview`). */
  modelId: string;
  /** `models/{m}` (the Gemini API's `generateContentRequest.model`). */
  modelPath: string;
}

/**
 * `ProviderV1.countTokens` on the Gemini API and Vertex AI: the chat request converted exactly as a
 * chat completion would be (so the count covers the same contents, system instruction and tools),
 * sent to `:countTokens`; the answer's `totalTokens`.
 */
export async function countGeminiTokens(
  settings: GeminiEngineSettings,
  call: GeminiCountTokensCall,
  request: ChatCompletionRequest,
  context: ModelCallContextV1,
): Promise<TokenCountV1> {
  const converted = await convertToGoogleRequest(request, {
    flavor: settings.flavor,
    modelId: call.modelId,
    fetchMedia: settings.fetchMedia,
    signal: context.signal,
    jsonSchema: settings.jsonSchema,
  });
  const body = convertToGoogleCountTokensRequest(converted, {
    flavor: settings.flavor,
    modelPath: call.modelPath,
  });
  const answer = await requestGeminiJson<GoogleCountTokensResponse>(
    settings,
    { url: call.url, body, signal: context.signal },
    context,
  );
  return { inputTokens: convertFromGoogleCountTokens(answer) };
}
