/**
 * The logger a provider receives. Structured: pass fields first, message second (pino's order).
 * The host redacts known secret fields, but a provider must still never pass a key or token.
 */
export interface LoggerV1 {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
