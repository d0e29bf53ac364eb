import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { createGeminiFormatRoutes } from './create-gemini-format-routes.js';
import { gemini, syntheticGeminiEmbeddings } from './gemini-format-bodies.js';

/** The Gemini API (generativelanguage.googleapis.com, v1beta) on 127.0.0.1. */
export function startGeminiMock(): Promise<MockUpstream> {
  return startMockUpstream([
    ...createGeminiFormatRoutes('/v1beta/models', {
      text: gemini.text,
      functionCall: gemini.functionCall,
      jsonSchema: gemini.jsonSchema.response.segments[0],
      stream: { rawSse: gemini.textSse },
      functionCallStream: { sse: gemini.functionCallChunks },
    }),
    {
      method: 'POST',
      path: /^\/v1beta\/models\/[^/:?]+:batchEmbedContents$/,
      reply: (request) => ({
        body: syntheticGeminiEmbeddings(
          ((request.json() as { requests?: unknown[] }).requests ?? []).length,
        ),
      }),
    },
    { method: 'GET', path: /^\/v1beta\/models(\?|$)/, reply: { body: gemini.models } },
  ]);
}
