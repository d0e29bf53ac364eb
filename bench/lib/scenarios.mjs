// The benchmark's scenarios. Each sends an equivalent request DIRECT to the mock upstream (the native
// upstream API) and THROUGH the gateway (the OpenAI API), so "added" = gateway − direct in one run.
// Request bodies are small synthetic client requests (allowed: no recording of a client request
// exists for them), except the direct Gemini body, which is the recorded js-genai request.
import { buildUpstreamBodies } from './upstream-bodies.mjs';

const AZURE_API_VERSION = '2024-10-21';
const recorded = buildUpstreamBodies({ chunks: 1 });

const chatMessages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Hello, how are you?' },
];
const azureChat = JSON.stringify({ messages: chatMessages });
const azureChatStream = JSON.stringify({ messages: chatMessages, stream: true });
const embeddingInput = 'The food was delicious and the waiter was very friendly.';

const geminiDirect = JSON.stringify(recorded.geminiRequest);
const geminiViaGateway = (model, stream) =>
  JSON.stringify({
    model,
    messages: [{ role: 'user', content: recorded.geminiRequest.contents[0].parts[0].text }],
    max_tokens: recorded.geminiRequest.generationConfig.maxOutputTokens,
    ...(stream ? { stream: true } : {}),
  });

const gatewayHeaders = { authorization: 'Bearer bench' };
const azureHeaders = { 'api-key': 'bench' };
const googleHeaders = { 'x-goog-api-key': 'bench' };

/** Expected response shapes: the smoke test checks them, the benchmark only counts statuses. */
export const expect = {
  chatCompletion: (json) =>
    json?.object === 'chat.completion' && typeof json.choices?.[0]?.message?.content === 'string',
  embeddingList: (json) => json?.object === 'list' && Array.isArray(json.data?.[0]?.embedding),
};

export const scenarios = [
  {
    id: 'azure-chat-c1',
    title: 'Azure chat, non-streamed, 1 connection (latency)',
    provider: 'azure',
    kind: 'load',
    connections: 1,
    direct: {
      path: `/openai/deployments/gpt-4o/chat/completions?api-version=${AZURE_API_VERSION}`,
      headers: azureHeaders,
      body: azureChat,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'gpt-4o', messages: chatMessages }),
    },
    check: expect.chatCompletion,
  },
  {
    id: 'azure-chat-c64',
    title: 'Azure chat, non-streamed, 64 connections (throughput)',
    provider: 'azure',
    kind: 'load',
    connections: 64,
    direct: {
      path: `/openai/deployments/gpt-4o/chat/completions?api-version=${AZURE_API_VERSION}`,
      headers: azureHeaders,
      body: azureChat,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'gpt-4o', messages: chatMessages }),
    },
    check: expect.chatCompletion,
  },
  {
    id: 'gemini-chat-c64',
    title: 'Gemini (AI Studio) chat, translated, non-streamed, 64 connections',
    provider: 'google',
    kind: 'load',
    connections: 64,
    direct: {
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      headers: googleHeaders,
      body: geminiDirect,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: geminiViaGateway('google/gemini-2.5-flash', false),
    },
    check: expect.chatCompletion,
  },
  {
    id: 'azure-stream-c8',
    title: 'Azure chat, streamed (20 chunks, 10 ms apart), 8 connections',
    provider: 'azure',
    kind: 'stream',
    connections: 8,
    direct: {
      path: `/openai/deployments/gpt-4o/chat/completions?api-version=${AZURE_API_VERSION}`,
      headers: azureHeaders,
      body: azureChatStream,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'gpt-4o', messages: chatMessages, stream: true }),
    },
  },
  {
    id: 'gemini-stream-c8',
    title: 'Gemini chat, translated, streamed (20 chunks, 10 ms apart), 8 connections',
    provider: 'google',
    kind: 'stream',
    connections: 8,
    direct: {
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      headers: googleHeaders,
      body: geminiDirect,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: geminiViaGateway('google/gemini-2.5-flash', true),
    },
  },
  {
    id: 'azure-embeddings-c64',
    title: 'Azure embeddings (1536 floats back), 64 connections',
    provider: 'azure',
    kind: 'load',
    connections: 64,
    direct: {
      path: `/openai/deployments/text-embedding-ada-002/embeddings?api-version=${AZURE_API_VERSION}`,
      headers: azureHeaders,
      body: JSON.stringify({ input: embeddingInput }),
    },
    gateway: {
      path: '/v1/embeddings',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'text-embedding-ada-002', input: embeddingInput }),
    },
    check: expect.embeddingList,
  },
  {
    id: 'gemini-embeddings-c64',
    title: 'Gemini embeddings, translated (batchEmbedContents, 768 floats), 64 connections',
    provider: 'google',
    kind: 'load',
    connections: 64,
    direct: {
      path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      headers: googleHeaders,
      body: JSON.stringify({
        requests: [
          { model: 'models/gemini-embedding-001', content: { parts: [{ text: embeddingInput }] } },
        ],
      }),
    },
    gateway: {
      path: '/v1/embeddings',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'google/gemini-embedding-001', input: embeddingInput }),
    },
    check: expect.embeddingList,
  },
  {
    id: 'vertex-chat-c64',
    title: 'Vertex AI chat (express-mode API key), translated, 64 connections',
    provider: 'vertex',
    kind: 'load',
    connections: 64,
    direct: {
      path: '/v1/projects/bench-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
      headers: googleHeaders,
      body: geminiDirect,
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: geminiViaGateway('vertex/gemini-2.5-flash', false),
    },
    check: expect.chatCompletion,
  },
  {
    id: 'openai-chat-c64',
    title: 'OpenAI-compatible passthrough chat, 64 connections',
    provider: 'openai',
    kind: 'load',
    connections: 64,
    direct: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: chatMessages }),
    },
    gateway: {
      path: '/v1/chat/completions',
      headers: gatewayHeaders,
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: chatMessages }),
    },
    check: expect.chatCompletion,
  },
];
