import type { CallContextV1, PassthroughRequestV1, RawResultV1 } from '@multi-ai-proxy/core';
import { InvalidRequestError, UnsupportedOperationError } from '@multi-ai-proxy/core';
import { rewriteJsonModel } from '@multi-ai-proxy/core/provider-utils';
import { filterAnthropicBeta } from './anthropic-beta-allowlists.js';
import { openAnthropicStream, type AnthropicCallSettings } from './send-anthropic-request.js';
import { sanitizeMessagesBody } from './sanitize-messages-body.js';

// Response headers worth handing back: the body's type, Anthropic's request id and rate-limit state.
const PASSED_RESPONSE_HEADERS =
  /^(content-type|request-id|x-request-id|retry-after|anthropic-ratelimit-.*)$/i;

/**
 * `/v1/messages` and `/v1/messages/count_tokens` as the client sent them (native passthrough): the
 * client's bytes go to Anthropic's API unchanged (the model renamed in place when routing did);
 * Foundry gets them without `cache_control.scope`; Vertex gets the body reshaped (`model` into the
 * path, `anthropic_version` in the body). `anthropic-beta` is filtered per upstream, a client's
 * `anthropic-version` passed on. The answer — JSON or an event stream — is piped back as is.
 */
export async function forwardAnthropicMessages(
  settings: AnthropicCallSettings & { betaAllowlist: readonly string[] | undefined },
  request: PassthroughRequestV1,
  context: CallContextV1,
): Promise<RawResultV1> {
  if (request.operation !== 'messages')
    throw new UnsupportedOperationError(request.operation, settings.provider);
  const operation = request.params.rest === '/count_tokens' ? 'count_tokens' : 'messages';
  const model = context.upstreamModel;
  const raw = request.body;
  if (model === undefined || raw === undefined)
    throw new InvalidRequestError('A Messages request needs a JSON body with a model.', {
      param: 'model',
      code: 'missing_required_parameter',
    });
  const upstream = settings.upstream;
  let body: string | Uint8Array = rewriteJsonModel(raw, model);
  let stream = false;
  if (
    upstream.kind === 'vertex' ||
    (upstream.kind === 'foundry' && Buffer.from(raw).includes('"scope"'))
  ) {
    const parsed = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, unknown>;
    stream = parsed.stream === true;
    body = JSON.stringify(sanitizeMessagesBody(upstream.shapeBody(parsed, model, operation)));
  }
  const url =
    operation === 'count_tokens'
      ? upstream.countTokensUrl(model)
      : upstream.messagesUrl(model, stream);
  const headers: Record<string, string | undefined> = {
    'anthropic-beta': filterAnthropicBeta(
      context.headers['anthropic-beta'],
      upstream.kind,
      settings.betaAllowlist,
    ),
  };
  const version = context.headers['anthropic-version'];
  if (upstream.kind !== 'vertex' && version !== undefined) headers['anthropic-version'] = version;
  const response = await openAnthropicStream(settings, { url, body, headers }, context);
  const passed: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (PASSED_RESPONSE_HEADERS.test(name)) passed[name] = value;
  return { kind: 'raw', status: response.status, headers: passed, body: response.body };
}
