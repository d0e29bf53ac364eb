import { GatewayError, InvalidRequestError } from '@multi-ai-proxy/core';

/** A model outside the key's allowlist (403, what OpenAI answers for a model a project may not use). */
export function modelNotAllowedError(keyId: string, model: string): GatewayError {
  return new GatewayError({
    message: `The gateway key "${keyId}" may not use the model "${model}".`,
    status: 403,
    type: 'invalid_request_error',
    code: 'model_not_allowed',
    param: 'model',
  });
}

/** A request whose estimate alone exceeds the TPM bucket could never be admitted: 400, not an eternal 429. */
export function estimateExceedsCapacityError(
  keyId: string,
  estimate: number,
  tpm: number,
): GatewayError {
  return new InvalidRequestError(
    `This request is estimated at ${estimate} tokens (prompt bytes / 4 plus max_completion_tokens, max_tokens or the default), more than the ${tpm} tokens per minute of the gateway key "${keyId}". Lower max_tokens or shorten the prompt.`,
    { code: 'tokens_exceed_rate_limit', param: 'max_tokens' },
  );
}

/** A 429 from one of a key's limits; `limit` names it for metrics (`requests`, `tokens`, `parallel`, `budget`). */
export class KeyLimitError extends GatewayError {
  constructor(
    readonly limit: 'requests' | 'tokens' | 'parallel' | 'budget',
    options: ConstructorParameters<typeof GatewayError>[0],
  ) {
    super(options);
    this.name = 'KeyLimitError';
  }
}

/** A rate limit (RPM, TPM, parallel requests) is reached: 429 with Retry-After and x-ratelimit-* headers. */
export function rateLimitError(
  keyId: string,
  limit: 'requests' | 'tokens' | 'parallel',
  detail: string,
  headers: Record<string, string>,
): KeyLimitError {
  return new KeyLimitError(limit, {
    message: `Rate limit reached for the gateway key "${keyId}" on ${limit === 'parallel' ? 'requests in flight' : limit === 'requests' ? 'requests per minute' : 'tokens per minute'}: ${detail}.`,
    status: 429,
    type: limit === 'tokens' ? 'tokens' : 'requests',
    code: 'rate_limit_exceeded',
    headers,
  });
}

/** The key's budget for this period is spent: 429 `insufficient_quota`, which clients do not retry. */
export function budgetExhaustedError(
  keyId: string,
  detail: string,
  headers: Record<string, string>,
): KeyLimitError {
  return new KeyLimitError('budget', {
    message: `The gateway key "${keyId}" has used its budget: ${detail}.`,
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    // The openai SDKs retry every 429 unless told not to; a spent budget does not come back in seconds.
    headers: { ...headers, 'x-should-retry': 'false' },
  });
}

/** The shared key state cannot be reached and the policy (budgets always, rate limits when closed) says no. */
export function keyStateUnavailableError(reason: string): GatewayError {
  return new GatewayError({
    message: `The gateway cannot check this key's limits: ${reason}. Try again shortly.`,
    status: 503,
    type: 'server_error',
    code: 'key_state_unavailable',
    expose: true,
    headers: { 'retry-after': '1' },
  });
}
