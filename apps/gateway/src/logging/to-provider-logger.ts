import type { LoggerV1 } from '@multi-ai-proxy/core';
import type { Logger } from 'pino';

/** pino already has LoggerV1's (fields, message) order; this narrows it to the contract. */
export function toProviderLogger(logger: Logger): LoggerV1 {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
