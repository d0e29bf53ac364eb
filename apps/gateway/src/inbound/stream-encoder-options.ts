import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { GatewayState } from '../http/gateway-state.js';

/**
 * What an inbound API's event encoder needs from the request: the client's abort signal (a client
 * that left is not an upstream failure) and where a failure after the stream started is reported —
 * one warn line with the request id and the error's name and message, never its details.
 */
export function streamEncoderOptions(
  ctx: Context & { state: GatewayState },
  logger: Logger,
): { signal: AbortSignal; onError: (error: unknown) => void } {
  const state = ctx.state;
  return {
    signal: state.abortController.signal,
    onError: (error) =>
      logger.warn(
        {
          requestId: state.requestId,
          error: { name: (error as Error)?.name, message: (error as Error)?.message },
        },
        'stream failed after it started',
      ),
  };
}
