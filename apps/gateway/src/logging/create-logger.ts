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

/**
 * One JSON line per event on stdout. Asynchronous writes keep logging off the request's hot path;
 * `flushLogger` runs at shutdown so nothing is lost.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ sync: false })): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
