// OpenTelemetry GenAI and HTTP attribute names the gateway sets (semantic conventions, Development status).
export const ATTR = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestStream: 'gen_ai.request.stream',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  reasoningOutputTokens: 'gen_ai.usage.reasoning.output_tokens',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  toolDefinitions: 'gen_ai.tool.definitions',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  providerInstance: 'multi_ai_proxy.provider.instance',
  upstreamModel: 'multi_ai_proxy.upstream.model',
  requestId: 'multi_ai_proxy.request.id',
  /** CLIENT span: 1 for the first upstream attempt of the request, 2 for the next, … */
  attemptNumber: 'multi_ai_proxy.attempt.number',
  /** CLIENT span of a routed attempt after the first: `retry` (same deployment) or `fallback`. */
  attemptKind: 'multi_ai_proxy.attempt.kind',
  /** Why the router made this attempt (the previous one's failure reason). */
  attemptReason: 'multi_ai_proxy.attempt.reason',
  /** CLIENT span of a failed routed attempt: the router's failure reason (`rate_limited`, `server_error`, …). */
  failureReason: 'multi_ai_proxy.attempt.failure_reason',
  /** SERVER span: how many upstream attempts the request made. */
  attemptCount: 'multi_ai_proxy.attempts',
} as const;
