import type {
  ChatCompletionRequest,
  CompletionRequest,
  EmbeddingRequest,
} from '@multi-ai-proxy/core';
import type { RouteDependencies } from '../route-dependencies.js';
import {
  createModelOperationRoute,
  isNonEmptyArray,
  isPromptLike,
} from './model-operation-route.js';

/** The three model operations every translating provider implements. */
export function createChatRoutes(deps: RouteDependencies) {
  return {
    chatCompletions: createModelOperationRoute(deps, {
      capability: 'chatCompletions',
      operation: 'chat completions',
      required: {
        field: 'messages',
        check: isNonEmptyArray,
        expected: 'a non-empty array of messages',
      },
      invoke: (provider, body, context) =>
        provider.createChatCompletion?.(body as ChatCompletionRequest, context),
    }),
    completions: createModelOperationRoute(deps, {
      capability: 'completions',
      operation: 'completions',
      required: { field: 'prompt', check: isPromptLike, expected: 'a string or an array' },
      invoke: (provider, body, context) =>
        provider.createCompletion?.(body as CompletionRequest, context),
    }),
    embeddings: createModelOperationRoute(deps, {
      capability: 'embeddings',
      operation: 'embeddings',
      required: { field: 'input', check: isPromptLike, expected: 'a string or an array' },
      invoke: (provider, body, context) =>
        provider.createEmbedding?.(body as EmbeddingRequest, context),
    }),
  };
}
