/** The closed set of `error_type` label values (OpenTelemetry's `error.type`: low cardinality, `_OTHER` fallback). */
export type ErrorType =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'timeout'
  | 'payload_too_large'
  | 'rate_limited'
  | 'client_closed'
  | 'upstream_error'
  | 'bad_gateway'
  | 'unavailable'
  | '_OTHER';

const BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  408: 'timeout',
  413: 'payload_too_large',
  422: 'invalid_request',
  429: 'rate_limited',
  499: 'client_closed',
  500: 'upstream_error',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'timeout',
};

/** `error_type` for an answer status; undefined for a success. */
export function classifyErrorType(status: number): ErrorType | undefined {
  if (status < 400) return undefined;
  return BY_STATUS[status] ?? '_OTHER';
}

const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** `2xx` … `5xx`: the status class label. */
export function statusClassOf(status: number): string {
  return CLASSES[Math.floor(status / 100) - 1] ?? '5xx';
}
