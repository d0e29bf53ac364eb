import { GatewayError } from '../errors/gateway-error.js';
import { toOpenAIErrorBody } from '../errors/to-openai-error-body.js';
import { checkOpenAIErrorBody } from './check-openai-error-body.js';
import { describeValue } from './value-guards.js';

export interface CheckProviderErrorOptions {
  /** The status the client must receive (usually the upstream's own). */
  status: number;
  /** Response headers that must be passed on, e.g. `['retry-after']` for a 429. */
  headers?: readonly string[];
  /** Values that must appear nowhere in the message (API keys, tokens). */
  secrets?: readonly string[];
}

/**
 * Problems with what a provider threw for an upstream error: a GatewayError (so the host answers in
 * OpenAI's error shape instead of a bare 500), with the expected status, an exposed non-empty message,
 * the rate-limit headers a client's retry logic reads, and no secret in the text.
 */
export function checkProviderError(thrown: unknown, options: CheckProviderErrorOptions): string[] {
  if (!GatewayError.isInstance(thrown)) {
    const name =
      thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
    return [
      `expected a GatewayError from @multi-ai-proxy/core (e.g. UpstreamApiError), got ${name}`,
    ];
  }
  const problems: string[] = [];
  if (thrown.status !== options.status)
    problems.push(`status must be ${options.status}, got ${thrown.status}`);
  problems.push(...checkOpenAIErrorBody(toOpenAIErrorBody(thrown)));
  if (thrown.status < 500 && !thrown.expose)
    problems.push('a client-caused error must be exposed (expose: true) so the client sees why');
  for (const header of options.headers ?? []) {
    if (thrown.headers[header] === undefined)
      problems.push(`header "${header}" must be passed on (pickRateLimitHeaders)`);
  }
  for (const secret of options.secrets ?? []) {
    if (secret.length > 0 && `${thrown.message}${JSON.stringify(thrown.headers)}`.includes(secret))
      problems.push('the error message or headers contain a secret');
  }
  return problems;
}
