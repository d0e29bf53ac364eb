import type { LoggerV1 } from '../provider/logger-v1.js';

const ignore = () => {};

/** A logger that drops everything. */
export const silentLogger: LoggerV1 = { debug: ignore, info: ignore, warn: ignore, error: ignore };
