import { toGatewayError } from '../../http/to-gateway-error.js';

// Claude's error types (anthropic-sdk-typescript src/resources/shared.ts).
const ANTHROPIC_TYPES = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'timeout_error',
  'api_error',
  'overloaded_error',
]);

const GENERIC_TYPES = new Set(['invalid_request_error', 'api_error']);

/** Any failure → Anthropic's error envelope `{"type":"error","error":{"type","message"}}` and its status. */
export function toAnthropicErrorBody(thrown: unknown): {
  status: number;
  headers: Record<string, string>;
  body: { type: 'error'; error: { type: string; message: string } };
} {
  const error = toGatewayError(thrown);
  // The status decides, except for a Claude type it cannot tell apart (an upstream's `overloaded_error`,
  // `billing_error`…); the generic `invalid_request_error` and `api_error` are what OpenAI-style errors
  // say for most statuses (401 and 404 included), so those follow the status.
  const type =
    ANTHROPIC_TYPES.has(error.type) && !GENERIC_TYPES.has(error.type)
      ? error.type
      : typeForStatus(error.status);
  return {
    status: error.status,
    headers: error.headers,
    body: {
      type: 'error',
      error: {
        type,
        message: error.expose ? error.message : 'The gateway could not complete the request.',
      },
    },
  };
}

function typeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}
