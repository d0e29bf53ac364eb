import type { CallContextV1 } from '@multi-ai-proxy/core';
import type { FetchMedia } from '@multi-ai-proxy/core/provider-utils';
import type { Got } from 'got';
import type { GoogleFlavor } from './google-api-types.js';

/** What one Gemini engine calls on a model: `{base}/{model path}:{method}`. */
export type GeminiModelMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'batchEmbedContents'
  | 'embedContent'
  | 'predict'
  | 'countTokens';

/**
 * How one provider reaches the GenerateContent API. Google AI Studio and Vertex AI differ only here;
 * request conversion, calls, streaming, errors and embeddings are the engine's (createGeminiEngine).
 */
export interface GeminiEngineSettings {
  /** Instance name, in error messages and on UpstreamApiError. */
  provider: string;
  /** Product named in messages: "Gemini API", "Vertex AI". */
  upstreamName: string;
  /** Created once per provider, without a got timeout (`timeoutMs` is enforced per call). */
  client: Got;
  /** Time to the response headers, and the longest silence inside a stream (core's sendUpstreamRequest). */
  timeoutMs: number;
  /** Everything before the model path: scheme, host, path prefix, API version (and Vertex's project/location). */
  baseUrl: string;
  /**
   * The path of a model under `baseUrl` (`models/gemini-2.5-flash`, `publishers/google/models/…`).
   * Throws InvalidRequestError for an id that is no model id or could change the URL path.
   */
  modelPath(model: string): string;
  /** Headers authenticating one call: an API key (the server's or the client's), or a cached access token. */
  authHeaders(context: CallContextV1): Promise<Record<string, string>>;
  /** Wire quirks: `vertex` sends no functionCall/functionResponse ids and embeds with `:embedContent`. */
  flavor: GoogleFlavor;
  /** Downloads http(s) media in chat messages (core's createRemoteMediaFetcher); without it such URLs answer 400. */
  fetchMedia?: FetchMedia;
  /** Raw JSON Schema vs the sanitized Schema subset (convertToGoogleRequest). Default `auto`. */
  jsonSchema?: 'auto' | 'always' | 'never';
  /** Inputs per `batchEmbedContents` call (flavor `gemini`); at most 100. */
  embedBatchSize?: number;
}
