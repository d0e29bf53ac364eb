import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { toOpenAIErrorBody } from '@multi-ai-proxy/core';
import { isMessagesPath } from '../../inbound/messages/is-messages-path.js';
import { toAnthropicErrorBody } from '../../inbound/messages/to-anthropic-error-body.js';
import type { GatewayState } from '../gateway-state.js';
import { toGatewayError } from '../to-gateway-error.js';

/**
 * Every failure becomes OpenAI's error body (Anthropic's on `/v1/messages…`) with a fitting status. Errors after the headers went out
 * (a stream cut mid-way) can only end the response; they are logged, and Koa closes the socket.
 */
export function createErrorHandlerMiddleware(logger: Logger): Middleware<GatewayState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      // The client left: the abort surfaces here as an error, but there is nobody to answer.
      if (ctx.state.abortController?.signal.aborted) return;
      const error = toGatewayError(thrown);
      if (error.status >= 500) {
        // The stack says where a gateway bug (or an unexpected upstream fault) surfaced.
        const stack = thrown instanceof Error ? thrown.stack : undefined;
        logger.error(
          { requestId: ctx.state.requestId, status: error.status, error: describe(thrown), stack },
          'request failed',
        );
      }
      if (ctx.headerSent || !ctx.writable) return;
      ctx.status = error.status;
      for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
      // Anthropic's clients read only Anthropic's envelope (`{"type":"error","error":{…}}`).
      ctx.body = isMessagesPath(ctx.path)
        ? toAnthropicErrorBody(error).body
        : toOpenAIErrorBody(error);
    }
  };
}

// Only name, code and message: never a request, a header or a config object that could hold a key.
function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { name: error.name, message: error.message, code: (error as { code?: unknown }).code };
  return { message: String(error) };
}
