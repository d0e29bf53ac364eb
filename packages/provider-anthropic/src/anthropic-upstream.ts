import type { CallContextV1 } from '@multi-ai-proxy/core';

/** What differs between Foundry, Vertex and Anthropic's API for one call; everything else is the Messages API. */
export interface AnthropicUpstream {
  readonly kind: 'foundry' | 'vertex' | 'anthropic';
  /** `host:port`-free label for error messages: "Azure AI Foundry", "Vertex AI", "Anthropic". */
  readonly label: string;
  /** The URL of a Messages call (`stream` picks Vertex's `:streamRawPredict`). */
  messagesUrl(model: string, stream: boolean): string;
  /** The URL of a token count for `model`. */
  countTokensUrl(model: string): string;
  /** The body fields the upstream wants beyond the Messages request: Vertex drops `model` and adds `anthropic_version`. */
  shapeBody(
    body: Record<string, unknown>,
    model: string,
    operation: 'messages' | 'count_tokens',
  ): Record<string, unknown>;
  /** Authentication and version headers for one call (a server key, a Google token, or the client's key). */
  headers(context: CallContextV1): Promise<Record<string, string>>;
}
