import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { createOpenAIFormatRoutes } from './create-openai-format-routes.js';

const deployment = (operation: string) =>
  new RegExp(`^/openai/deployments/[^/?]+/${operation}(\\?|$)`);

/** An Azure OpenAI resource (classic deployment URLs with api-version) on 127.0.0.1. */
export function startAzureMock(): Promise<MockUpstream> {
  return startMockUpstream(
    createOpenAIFormatRoutes(
      {
        chat: deployment('chat/completions'),
        completions: deployment('completions'),
        embeddings: deployment('embeddings'),
        images: deployment('images/generations'),
        transcriptions: deployment('audio/transcriptions'),
        files: /^\/openai\/files(\?|$)/,
        file: /^\/openai\/files\/[^/?]+(\?|$)/,
        models: /^\/openai\/models(\?|$)/,
      },
      // Synthetic: Azure's model listing shape (no recording exists).
      {
        dropFilterChunk: false,
        models: {
          object: 'list',
          data: [
            {
              id: 'gpt-4.1',
              object: 'model',
              created_at: 1744156800,
              status: 'succeeded',
              capabilities: { chat_completion: true },
            },
          ],
        },
      },
    ),
  );
}
