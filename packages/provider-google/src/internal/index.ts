/**
 * @multi-ai-proxy/provider-google/internal — the OpenAI ⇄ Gemini conversion code, shared with
 * @multi-ai-proxy/provider-vertex (same GenerateContent wire format). Not for third parties: it follows
 * the two providers, but signatures here are only ever added to, never changed in place.
 *
 * Chat (request side)
 *   convertToGoogleRequest(openaiRequest, { flavor: 'gemini' | 'vertex', modelId, fetchMedia?, signal?,
 *     jsonSchema?: 'auto'|'always'|'never', includeThoughts? }) → Promise<GoogleGenerateContentRequest>
 *     Whole body: contents (+ systemInstruction), tools/toolConfig, generationConfig. Every content has
 *     a role; tool results go under role `user`; `flavor: 'vertex'` sends no functionCall/functionResponse
 *     ids. `modelId` (no `models/`) picks thinkingLevel vs thinkingBudget, raw JSON Schema vs sanitized
 *     schema, Gemma's missing systemInstruction. Throws InvalidRequestError (400) with `param` on bad input.
 *   convertToGoogleContents(messages, { flavor, modelId, fetchMedia?, signal? }) → Promise<{contents, systemInstruction?}>
 *   convertToGoogleParts(content, param, { flavor, fetchMedia?, signal? }) → Promise<GooglePart[]>
 *   prepareGoogleTools(tools, toolChoice, { useJsonSchema }) → { tools?, toolConfig? }
 *   buildGoogleGenerationConfig(request, { modelId, useJsonSchema, includeThoughts? }) → GoogleGenerationConfig | undefined
 *   mapReasoningEffortToThinkingConfig(effort, modelId, { includeThoughts? }) → GoogleThinkingConfig | undefined
 *   convertJsonSchemaToGoogleSchema(jsonSchema, { param? }) → Gemini Schema subset | undefined (schema sanitizer)
 *   createRemoteMediaFetcher({ maxBytes?, timeoutMs?, allowPrivateNetwork?, maxRedirects? }) → FetchMedia
 *     (http(s) image download with SSRF guard; pass it as `fetchMedia`)
 *
 * Chat (response side)
 *   convertFromGoogleResponse(googleResponse, { model, id?, created? }) → ChatCompletion
 *   parseGoogleSseStream(bytes: AsyncIterable<Uint8Array|string>, provider?) → AsyncGenerator<GoogleGenerateContentResponse>
 *     (`?alt=sse` body; also yields a bare `{"error":…}` object sent mid-stream)
 *   convertGoogleStreamToChunks(events, { model, provider, includeUsage?, id?, created? }) → AsyncGenerator<ChatCompletionChunk>
 *     (role chunk, deltas per upstream event, finish chunk(s) last, usage chunk if includeUsage;
 *     an `error` event is thrown as UpstreamApiError → the host writes an OpenAI error event)
 *   mapGoogleFinishReason(reason, { hasToolCalls? }) → OpenAI finish_reason
 *   convertGoogleUsage(usageMetadata) → CompletionUsage (total = prompt + completion, thinking in completion)
 *   convertGoogleLogprobs(logprobsResult) → ChatCompletionLogprobs | null
 *   describePromptBlock(promptFeedback) → refusal text
 *
 * Errors
 *   mapGoogleError(httpStatus, body (bytes|string|object), provider, headers?) → UpstreamApiError
 *     (google.rpc status → HTTP status when `httpStatus` is not an error status; API_KEY_INVALID → 401;
 *     RetryInfo → retry-after / retry-after-ms; Google's message kept, DebugInfo never copied)
 *
 * Thought signatures (Gemini 3) in OpenAI tool call ids
 *   encodeToolCallId(id | undefined, thoughtSignature | undefined) → `<id>__thought__<base64url sig>`
 *   decodeToolCallId(toolCallId) → { id, thoughtSignature }
 *   THOUGHT_SIGNATURE_SEPARATOR, generateToolCallId()
 *
 * Completions (/v1/completions)
 *   convertToGoogleCompletionRequests(request, { modelId }) → GoogleGenerateContentRequest[] (one per prompt)
 *   convertFromGoogleCompletion(responses, { model, n?, echoPrompts?, id?, created? }) → Completion
 *   convertGoogleStreamToCompletionChunks(events, { model, provider, includeUsage?, echoPrompt? }) → AsyncGenerator<Completion>
 *   completionPrompts(prompt) → string[] (token ids refused; more than MAX_COMPLETION_PROMPTS = 2048 → 400)
 *   mapBounded(items, limit, task) → Promise<results in input order> (at most `limit` upstream calls in flight;
 *     no new call after one failed) — use it for one request's fan-out (completion prompts, embedding batches)
 *
 * Embeddings
 *   embeddingInputs(input) → string[] (token ids refused; more than MAX_EMBEDDING_INPUTS = 2048 → 400)
 *   convertToGoogleEmbedRequests(request, { modelId, maxBatchSize? }) → { inputs, batches } (batchEmbedContents)
 *   convertFromGoogleEmbeddings(responses, { model, provider, encodingFormat?, inputs }) → CreateEmbeddingResponse
 *   buildOpenAIEmbeddingResponse(vectors, { model, encodingFormat?, promptTokens }) → CreateEmbeddingResponse
 *   encodeEmbeddingBase64(values) → string;  estimateTokens(texts) → number
 *
 * Models
 *   convertGoogleModels(models, { ownedBy? }) → OpenAIModel[];  stripModelsPrefix(name) → string
 *   convertToGoogleCountTokensRequest(contents) / convertFromGoogleCountTokens(response)
 *   isGemini3Model / isGemini25Model / acceptsJsonSchema / acceptsPenalties / acceptsSystemInstruction (model id traits)
 *
 * Wire types: GoogleGenerateContentRequest, GoogleGenerateContentResponse, GoogleContent, GooglePart, … (google-api-types.ts).
 */
export { applyPartialArgs } from '../apply-partial-args.js';
export { type BuildGoogleGenerationConfigOptions, buildGoogleGenerationConfig } from '../build-google-generation-config.js';
export { type BuildOpenAIEmbeddingResponseOptions, buildOpenAIEmbeddingResponse, estimateTokens } from '../build-openai-embedding-response.js';
export { type ConvertFromGoogleCompletionOptions, completionFinishReason, convertFromGoogleCompletion } from '../convert-from-google-completion.js';
export { type ConvertFromGoogleEmbeddingsOptions, convertFromGoogleEmbeddings } from '../convert-from-google-embeddings.js';
export { type ConvertFromGoogleResponseOptions, convertFromGoogleResponse } from '../convert-from-google-response.js';
export { convertFromGoogleCountTokens, convertToGoogleCountTokensRequest } from '../convert-google-count-tokens.js';
export { convertGoogleLogprobs } from '../convert-google-logprobs.js';
export { convertGoogleModels, stripModelsPrefix } from '../convert-google-models.js';
export { type ConvertGoogleStreamToChunksOptions, convertGoogleStreamToChunks } from '../convert-google-stream-to-chunks.js';
export { type ConvertGoogleStreamToCompletionChunksOptions, convertGoogleStreamToCompletionChunks } from '../convert-google-stream-to-completion-chunks.js';
export { convertGoogleUsage } from '../convert-google-usage.js';
export { convertJsonSchemaToGoogleSchema } from '../convert-json-schema-to-google-schema.js';
export { completionPrompts, type ConvertToGoogleCompletionRequestsOptions, convertToGoogleCompletionRequests, MAX_COMPLETION_PROMPTS } from '../convert-to-google-completion-requests.js';
export { type ConvertToGoogleContentsOptions, convertToGoogleContents, type GoogleContents } from '../convert-to-google-contents.js';
export { type ConvertToGoogleEmbedRequestsOptions, convertToGoogleEmbedRequests, GOOGLE_EMBED_BATCH_LIMIT } from '../convert-to-google-embed-requests.js';
export { type ConvertToGooglePartsOptions, convertToGoogleParts, type FetchMedia } from '../convert-to-google-parts.js';
export { type ConvertToGoogleRequestOptions, convertToGoogleRequest } from '../convert-to-google-request.js';
export { createCompletionId } from '../create-completion-id.js';
export { createRemoteMediaFetcher, type RemoteMediaFetcherOptions } from '../create-remote-media-fetcher.js';
export { describePromptBlock } from '../describe-prompt-block.js';
export { embeddingInputs, MAX_EMBEDDING_INPUTS } from '../embedding-inputs.js';
export { encodeEmbeddingBase64 } from '../encode-embedding-base64.js';
export type * from '../google-api-types.js';
export { acceptsJsonSchema, acceptsPenalties, acceptsSystemInstruction, isGemini3Model, isGemini25Model } from '../google-model-traits.js';
export { isPrivateAddress } from '../is-private-address.js';
export { mapBounded } from '../map-bounded.js';
export { mapGoogleError } from '../map-google-error.js';
export { mapGoogleFinishReason } from '../map-google-finish-reason.js';
export { mapReasoningEffortToThinkingConfig, type ReasoningEffort } from '../map-reasoning-effort-to-thinking-config.js';
export { parseDataUrl } from '../parse-data-url.js';
export { parseGoogleSseStream } from '../parse-google-sse-stream.js';
export { type PrepareGoogleToolsOptions, prepareGoogleTools } from '../prepare-google-tools.js';
export { decodeToolCallId, encodeToolCallId, GENERATED_TOOL_CALL_ID_PREFIX, generateToolCallId, THOUGHT_SIGNATURE_SEPARATOR } from '../tool-call-id-codec.js';
