import pino, { type Logger } from 'pino';

/** Field paths that may carry credentials; pino replaces them wherever they appear. */
export const REDACTED_PATHS = [
  'authorization',
  'apiKey',
  'api_key',
  'token',
  'accessToken',
  'privateKey',
  'private_key',
  'headers.authorization',
  'headers["api-key"]',
  'headers["x-goog-api-key"]',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.accessToken',
  '*.privateKey',
  '*.private_key',
  '*.headers.authorization',
  '*.headers["api-key"]',
  '*.headers["x-goog-api-key"]',
];

export function serializeError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const candidate = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    status?: unknown;
  };
  return {
    name: candidate.name,
    message: candidate.message,
    code: candidate.code,
    status: candidate.status,
  };
}

/**
 * One JSON line per event on stdout. Asynchronous writes keep logging off the request's hot path;
 * `flushLogger` runs at shutdown so nothing is lost.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ sync: false }),
): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Errors are logged as name, message, code and status only: got's errors carry the request
      // options (headers, URL with query), which can hold a key.
      serializers: { err: serializeError, error: serializeError },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
