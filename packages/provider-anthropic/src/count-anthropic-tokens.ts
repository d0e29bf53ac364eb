import type { ChatCompletionRequest, ModelCallContextV1, TokenCountV1 } from '@multi-ai-proxy/core';
import { UpstreamApiError } from '@multi-ai-proxy/core';
import { convertChatToAnthropicRequest } from './convert-chat-to-anthropic-request.js';
import { type AnthropicCallSettings, sendAnthropicJson } from './send-anthropic-request.js';

// What count_tokens reads (platform.claude.com/docs/en/api/messages/count_tokens): no generation settings.
const COUNTED_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking'] as const;

/**
 * `ProviderV1.countTokens` on Claude: the chat request translated as for a Messages call, without the
 * generation settings, sent to the upstream's count endpoint (Foundry and Anthropic
 * `/v1/messages/count_tokens`, Vertex `count-tokens:rawPredict`); its `input_tokens`.
 */
export async function countAnthropicTokens(
  settings: AnthropicCallSettings & { defaultMaxTokens: number },
  request: ChatCompletionRequest,
  context: ModelCallContextV1,
): Promise<TokenCountV1> {
  const model = context.upstreamModel;
  const translated = convertChatToAnthropicRequest(request, {
    model,
    defaultMaxTokens: settings.defaultMaxTokens,
  }) as unknown as Record<string, unknown>;
  const counted: Record<string, unknown> = {};
  for (const field of COUNTED_FIELDS)
    if (translated[field] !== undefined) counted[field] = translated[field];
  const body = JSON.stringify(settings.upstream.shapeBody(counted, model, 'count_tokens'));
  const answer = (await sendAnthropicJson(
    settings,
    { url: settings.upstream.countTokensUrl(model), body },
    context,
  )) as { input_tokens?: unknown } | null;
  const inputTokens = answer?.input_tokens;
  if (typeof inputTokens !== 'number' || !Number.isInteger(inputTokens) || inputTokens < 0)
    throw new UpstreamApiError({
      provider: settings.provider,
      status: 502,
      type: 'api_error',
      code: 'bad_upstream_response',
      message: `Provider "${settings.provider}": ${settings.upstream.label} answered a token count without input_tokens.`,
    });
  return { inputTokens };
}
