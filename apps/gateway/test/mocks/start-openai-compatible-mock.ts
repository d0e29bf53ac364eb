import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { createOpenAIFormatRoutes } from './create-openai-format-routes.js';

const v1 = (operation: string) => new RegExp(`^/v1/${operation}(\\?|$)`);

/** An OpenAI-compatible server (OpenAI itself, vLLM, Ollama's /v1…) on 127.0.0.1. */
export function startOpenAICompatibleMock(): Promise<MockUpstream> {
  return startMockUpstream(
    createOpenAIFormatRoutes(
      {
        chat: v1('chat/completions'),
        completions: v1('completions'),
        embeddings: v1('embeddings'),
        images: v1('images/generations'),
        transcriptions: v1('audio/transcriptions'),
        files: v1('files'),
        file: /^\/v1\/files\/[^/?]+(\?|$)/,
        models: v1('models'),
      },
      // Synthetic model list in OpenAI's format (no recording exists).
      {
        dropFilterChunk: true,
        models: {
          object: 'list',
          data: [{ id: 'gpt-4.1', object: 'model', created: 1744156800, owned_by: 'system' }],
        },
      },
    ),
  );
}
