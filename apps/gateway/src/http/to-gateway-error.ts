import { GatewayError, InvalidRequestError } from '@multi-ai-proxy/core';
import { createBodyTooLargeError } from './refuse-oversized-body.js';

/**
 * Normalises what middleware can throw: our own errors pass through; http-errors from koa-body and
 * @koa/router (malformed JSON, body too large) keep their status with an OpenAI-style code.
 */
export function toGatewayError(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  // Libraries wrap what they were destroyed with (got's RequestError keeps it as `cause`).
  const wrapped = findWrappedGatewayError(error);
  if (wrapped !== undefined) return wrapped;
  const candidate = error as {
    status?: unknown;
    statusCode?: unknown;
    type?: unknown;
    message?: unknown;
    expose?: unknown;
  };
  const status =
    typeof candidate?.status === 'number'
      ? candidate.status
      : typeof candidate?.statusCode === 'number'
        ? candidate.statusCode
        : 500;
  if (status === 413) return createBodyTooLargeError();
  if (/prototype property/i.test(String(candidate.message))) {
    return new InvalidRequestError('The JSON body contains a forbidden "__proto__" key.', {
      code: 'invalid_json',
    });
  }
  const code = (error as { code?: unknown })?.code;
  // A body that fails to parse, to inflate (Content-Encoding) or is nested too deep to parse.
  if (
    (status === 400 &&
      (candidate.type === 'entity.parse.failed' ||
        /JSON|Unexpected token|invalid/i.test(String(candidate.message)))) ||
    (typeof code === 'string' && code.startsWith('Z_')) ||
    error instanceof RangeError
  ) {
    return new InvalidRequestError(
      'We could not parse the JSON body of your request. The body must be a JSON object.',
      { code: 'invalid_json' },
    );
  }
  if (status === 415)
    return new InvalidRequestError('Unsupported content type for this route.', {
      status: 415,
      code: 'unsupported_media_type',
    });
  if (status >= 400 && status < 500) {
    return new InvalidRequestError(
      candidate.expose === true && typeof candidate.message === 'string'
        ? candidate.message
        : 'Invalid request.',
      { status },
    );
  }
  return new GatewayError({
    message: 'The gateway could not complete the request.',
    status: 500,
    type: 'server_error',
    expose: false,
    cause: error,
  });
}

function findWrappedGatewayError(error: unknown): GatewayError | undefined {
  let current = (error as { cause?: unknown } | undefined)?.cause;
  for (let depth = 0; depth < 3 && current !== undefined && current !== null; depth++) {
    if (GatewayError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
