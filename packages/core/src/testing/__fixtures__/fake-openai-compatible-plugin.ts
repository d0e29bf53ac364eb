// A minimal OpenAI-compatible passthrough plugin used to test the conformance kit itself. `Flaw`s turn
// individual behaviours wrong on purpose, so each check of the kit can be shown to catch them.
import { UpstreamApiError } from '../../errors/upstream-api-error.js';
import type { ChatCompletionChunk } from '../../openai/chat-completion-chunk.js';
import { defineProviderPlugin } from '../../plugin/define-provider-plugin.js';
import type { ProviderV1 } from '../../provider/provider-v1.js';
import { createHttpClient } from '../../provider-utils/create-http-client.js';
import { joinUrl } from '../../provider-utils/join-url.js';
import { openUpstreamStream } from '../../provider-utils/open-upstream-stream.js';
import { parseSseStream } from '../../provider-utils/parse-sse-stream.js';
import { pickRateLimitHeaders } from '../../provider-utils/pick-rate-limit-headers.js';
import { sendUpstreamRequest } from '../../provider-utils/send-upstream-request.js';
import { InvalidPluginOptionsError } from '../../errors/invalid-plugin-options-error.js';

export type Flaw =
  | 'keeps-filter-chunk'
  | 'finish-reason-early'
  | 'no-role'
  | 'wrong-total'
  | 'plain-error'
  | 'ignores-instance-name'
  | 'detects-empty-env'
  | 'type-error-on-bad-options'
  | 'created-in-ms'
  | 'models-prefix';

export function createFakePlugin(flaws: readonly Flaw[] = []) {
  const has = (flaw: Flaw) => flaws.includes(flaw);
  return defineProviderPlugin<{ endpoint: string }>({
    contractVersion: 1,
    name: 'fake',
    packageName: 'fake-provider',
    version: '1.0.0',
    detectFromEnv: (env) => has('detects-empty-env') || env.FAKE_ENDPOINT !== undefined,
    parseOptions(raw, env) {
      const options = (raw ?? {}) as { endpoint?: unknown };
      if (has('type-error-on-bad-options')) return { endpoint: (options.endpoint as string).trim() };
      const endpoint = typeof raw === 'object' && raw !== null && typeof options.endpoint === 'string' ? options.endpoint : env.FAKE_ENDPOINT;
      if (endpoint === undefined) throw new InvalidPluginOptionsError('fake', 'FAKE_ENDPOINT', 'is not set.');
      return { endpoint };
    },
    createProvider(options, context): ProviderV1 {
      const client = createHttpClient({ timeoutMs: context.upstreamTimeoutMs });
      const instanceName = has('ignores-instance-name') ? 'fake' : context.instanceName;
      const post = async (path: string, body: unknown, signal: AbortSignal) => {
        const response = await sendUpstreamRequest(client, { provider: instanceName, url: joinUrl(options.endpoint, path), method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
        const parsed = JSON.parse(response.body.toString('utf8'));
        if (response.status >= 400) {
          if (has('plain-error')) throw new Error(`upstream said ${response.status}`);
          throw new UpstreamApiError({ provider: instanceName, status: response.status, message: parsed?.error?.message ?? 'upstream error', headers: pickRateLimitHeaders(response.headers) });
        }
        return parsed;
      };
      return {
        contractVersion: 1,
        instanceName,
        capabilities: { chatCompletions: true, streaming: true, completions: false, embeddings: true, listModels: true, passthrough: [] },
        modelPatterns: ['fake-*'],
        mapModel: (model) => (model === 'alias' ? 'fake-1' : undefined),
        async createChatCompletion(request, callContext) {
          if (!request.stream) {
            const body = await post('/v1/chat/completions', request, callContext.signal);
            if (has('wrong-total')) body.usage.total_tokens += 1;
            if (has('created-in-ms')) body.created *= 1000;
            return { kind: 'json', body };
          }
          const upstream = await openUpstreamStream(client, { provider: instanceName, url: joinUrl(options.endpoint, '/v1/chat/completions'), headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal: callContext.signal });
          return { kind: 'chunks', chunks: convertStream(upstream.body, has) };
        },
        async createEmbedding(request, callContext) {
          return { kind: 'json', body: await post('/v1/embeddings', request, callContext.signal) };
        },
        async listModels() {
          return [{ id: has('models-prefix') ? 'models/fake-1' : 'fake-1', object: 'model', created: 0, owned_by: 'fake' }];
        },
      };
    },
  });
}

async function* convertStream(body: AsyncIterable<Uint8Array>, has: (flaw: Flaw) => boolean): AsyncGenerator<ChatCompletionChunk> {
  const held: ChatCompletionChunk[] = [];
  for await (const event of parseSseStream(body)) {
    if (event.data === '[DONE]') break;
    const chunk = JSON.parse(event.data) as ChatCompletionChunk;
    // Azure's prompt-filter chunk has "choices": [] and no usage: drop it (clients read choices[0]).
    if (chunk.choices.length === 0 && !chunk.usage && !has('keeps-filter-chunk')) continue;
    if (has('no-role')) for (const choice of chunk.choices) delete choice.delta.role;
    held.push(chunk);
  }
  if (has('finish-reason-early')) held[1]!.choices[0]!.finish_reason = 'stop';
  yield* held;
}
