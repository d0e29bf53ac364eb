import { withRoutedModel } from '../../http/routes/model-operation-route.js';
import { GATEWAY_THINKING_SIGNATURE } from './gateway-thinking-signature.js';
import type { MessagesRequest } from './messages-types.js';
import { stripGatewayThinkingBlocks } from './strip-gateway-thinking-blocks.js';

/**
 * The client's Messages bytes as a Claude upstream gets them: the routed model written in, the thinking
 * blocks this gateway signed removed (Claude refuses them); unchanged bytes otherwise. Sets
 * `body.model` to the routed model, as withRoutedModel does.
 */
export function toClaudeUpstreamBytes(
  body: MessagesRequest | Record<string, unknown>,
  raw: Uint8Array,
  routedModel: string | undefined,
): Uint8Array {
  const json = body as Record<string, unknown>;
  return stripGatewayThinkingBlocks(
    json,
    withRoutedModel(json, raw, routedModel),
    GATEWAY_THINKING_SIGNATURE,
  );
}
