/** Token counts of one upstream call, in OpenAI's sense (cached and reasoning tokens are included in input and output). */
export interface TelemetryUsageV1 {
  inputTokens?: number;
  outputTokens?: number;
  /** Input tokens served from the upstream's prompt cache (part of `inputTokens`). */
  cachedInputTokens?: number;
  /** Output tokens spent on reasoning (part of `outputTokens`). */
  reasoningTokens?: number;
}

/**
 * What a provider may report about one upstream call, for the host's metrics, spans and access log.
 * Optional and additive: the host hands a fresh object as `context.telemetry` (hosts that predate it
 * leave it undefined) and derives whatever is left unset itself — usage, response model, id and
 * finish reasons from the OpenAI-shaped answer, the times from when the provider's promise settled
 * and when the first chunk was written. Report a field only when the upstream told you. Times are
 * `performance.now()` values (milliseconds on the process's monotonic clock).
 */
export interface CallTelemetryV1 {
  usage?: TelemetryUsageV1;
  /** The model the upstream says answered (`modelVersion`, Azure's `model`), when it differs from the request. */
  responseModel?: string;
  responseId?: string;
  /** OpenAI finish reasons (`stop`, `length`, `tool_calls`, `content_filter`), one per choice. */
  finishReasons?: string[];
  /** When the upstream's response headers arrived (core's `sendUpstreamRequest`/`openUpstreamStream` set it when given this object). */
  upstreamHeadersAt?: number;
  /** When the upstream's first body chunk (first streamed event) arrived. */
  firstChunkAt?: number;
  /** Host and port of the upstream actually called (never a URL with a query or credentials). */
  serverAddress?: string;
  serverPort?: number;
}
