import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { GatewayError } from './gateway-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { toOpenAIErrorBody } from './to-openai-error-body.js';
import { UnknownModelError } from './unknown-model-error.js';
import { UnsupportedOperationError } from './unsupported-operation-error.js';
import { UpstreamApiError } from './upstream-api-error.js';
import { UpstreamTimeoutError } from './upstream-timeout-error.js';
import { UpstreamUnreachableError } from './upstream-unreachable-error.js';

describe('errors → OpenAI error body', () => {
  it.each([
    [
      new InvalidRequestError('bad', { param: 'model', code: 'missing' }),
      400,
      { message: 'bad', type: 'invalid_request_error', param: 'model', code: 'missing' },
    ],
    [
      new UnknownModelError('x', ''),
      404,
      {
        message: 'The model `x` does not exist or no configured provider serves it.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    ],
    [
      new UnsupportedOperationError('embeddings', 'azure'),
      400,
      {
        message: 'Provider "azure" does not support embeddings.',
        type: 'invalid_request_error',
        param: null,
        code: 'unsupported_operation',
      },
    ],
    [
      new UpstreamApiError({
        provider: 'google',
        status: 429,
        message: 'Quota exceeded',
        code: 'RESOURCE_EXHAUSTED',
      }),
      429,
      {
        message: 'Quota exceeded',
        type: 'rate_limit_error',
        param: null,
        code: 'RESOURCE_EXHAUSTED',
      },
    ],
    [
      new UpstreamUnreachableError('azure', 'res.openai.azure.com', { detail: 'ECONNREFUSED' }),
      502,
      {
        message:
          'Provider "azure" could not reach its upstream res.openai.azure.com (ECONNREFUSED).',
        type: 'api_error',
        param: null,
        code: 'upstream_unreachable',
      },
    ],
    [
      new UpstreamTimeoutError('vertex', 'aiplatform.googleapis.com', 5000),
      504,
      {
        message:
          'Provider "vertex" timed out waiting for its upstream aiplatform.googleapis.com after 5000 ms.',
        type: 'api_error',
        param: null,
        code: 'upstream_timeout',
      },
    ],
  ])('%s', (error, status, body) => {
    expect(error.status).toBe(status);
    expect(toOpenAIErrorBody(error)).toEqual({ error: body });
  });

  it("passes on an upstream's own error object (Azure's innererror) with the four OpenAI fields from the error", () => {
    const recorded = JSON.parse(
      readUpstreamFixture('azure', 'error.400-content-filter.json').toString('utf8'),
    ) as { error: Record<string, unknown> };
    const error = new UpstreamApiError({
      provider: 'azure',
      status: 400,
      message: 'Filtered. [content filter: sexual (high) filtered]',
      param: 'prompt',
      code: 'content_filter',
      upstreamError: recorded.error,
    });
    expect(toOpenAIErrorBody(error)).toEqual({
      error: {
        ...recorded.error,
        message: 'Filtered. [content filter: sexual (high) filtered]',
        type: 'invalid_request_error',
        param: 'prompt',
        code: 'content_filter',
      },
    });
    expect(toOpenAIErrorBody(error).error.innererror).toEqual(recorded.error.innererror);
    // Without an upstream object the body has exactly the four fields.
    expect(
      Object.keys(
        toOpenAIErrorBody(new UpstreamApiError({ provider: 'azure', status: 400, message: 'x' }))
          .error,
      ),
    ).toEqual(['message', 'type', 'param', 'code']);
  });

  it('hides the message of unexposed errors and of foreign errors', () => {
    const hidden = new GatewayError({
      message: 'secret path /etc/key.json',
      status: 500,
      type: 'server_error',
    });
    expect(toOpenAIErrorBody(hidden).error.message).toBe(
      'The gateway could not complete the request.',
    );
    expect(toOpenAIErrorBody(new Error('boom sk-123')).error).toEqual({
      message: 'The gateway could not complete the request.',
      type: 'server_error',
      param: null,
      code: null,
    });
  });

  it('recognises errors from another copy of core by their markers, and tells subclasses apart', () => {
    const foreign = Object.assign(Object.create(null), {
      [Symbol.for('multi-ai-proxy.error.GatewayError')]: true,
      [Symbol.for('multi-ai-proxy.error.UnknownModelError')]: true,
    });
    expect(GatewayError.isInstance(foreign)).toBe(true);
    expect(UnknownModelError.isInstance(foreign)).toBe(true);
    expect(UpstreamApiError.isInstance(foreign)).toBe(false);
    expect(GatewayError.isInstance(new Error('x'))).toBe(false);
    const unsupported = new UnsupportedOperationError('x', 'p');
    expect(GatewayError.isInstance(unsupported)).toBe(true);
    expect(UnsupportedOperationError.isInstance(unsupported)).toBe(true);
    expect(UnknownModelError.isInstance(unsupported)).toBe(false);
    expect(InvalidRequestError.isInstance(unsupported)).toBe(false);
  });

  it('does not take a plugin class that shares a core class name for that class (markers are literal)', () => {
    const Impostor = { UpstreamApiError: class UpstreamApiError extends GatewayError {} }
      .UpstreamApiError;
    const impostor = new Impostor({ message: 'x', status: 500, type: 'api_error' });
    expect(GatewayError.isInstance(impostor)).toBe(true);
    expect(UpstreamApiError.isInstance(impostor)).toBe(false);
    // A renamed (minified) core class keeps its marker.
    Object.defineProperty(UnknownModelError, 'name', { value: 'a' });
    expect(UnknownModelError.isInstance(new UnknownModelError('m', ''))).toBe(true);
    expect(UpstreamApiError.isInstance(new UnknownModelError('m', ''))).toBe(false);
  });

  it('knows which upstream statuses are worth retrying', () => {
    const retryable = [408, 409, 429, 500, 503].map(
      (status) => new UpstreamApiError({ provider: 'p', status, message: '' }).isRetryable,
    );
    const final = [400, 401, 403, 404].map(
      (status) => new UpstreamApiError({ provider: 'p', status, message: '' }).isRetryable,
    );
    expect(retryable).toEqual([true, true, true, true, true]);
    expect(final).toEqual([false, false, false, false]);
  });
});
