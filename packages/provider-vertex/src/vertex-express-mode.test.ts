import {
  createTestCallContext,
  createTestPluginContext,
  readJsonFixture,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { createVertexProvider } from './create-vertex-provider.js';
import { parseVertexOptions } from './parse-vertex-options.js';

describe('Vertex AI express mode (VERTEX_AI_API_KEY)', () => {
  it('sends the key as x-goog-api-key (never in the URL) to a project-less path', async () => {
    const upstream = await startMockUpstream([
      {
        method: 'POST',
        path: '/v1/publishers/google/models/gemini-2.5-flash:generateContent',
        reply: {
          body: readJsonFixture(fixture('generateContent.text-safety-scores.response.json')),
        },
      },
    ]);
    try {
      const env = { VERTEX_AI_API_KEY: 'AQ.express-secret', VERTEX_AI_ENDPOINT: upstream.url };
      const provider = await createVertexProvider(
        parseVertexOptions({}, env),
        createTestPluginContext({ instanceName: 'vertex-express' }),
      );
      const result = await provider.createChatCompletion!(
        { model: 'chat-bison', messages: [{ role: 'user', content: 'hi' }] },
        createTestCallContext({ model: 'chat-bison', upstreamModel: 'gemini-2.5-flash' }),
      );
      expect(result).toMatchObject({
        kind: 'json',
        body: {
          model: 'chat-bison',
          choices: [{ message: { content: 'Mountain View, California' } }],
        },
      });
      expect(upstream.requests[0]!.headers['x-goog-api-key']).toBe('AQ.express-secret');
      expect(upstream.requests[0]!.headers.authorization).toBeUndefined();
      expect(upstream.requests[0]!.url).not.toContain('express-secret');
    } finally {
      await upstream.close();
    }
  });
});
