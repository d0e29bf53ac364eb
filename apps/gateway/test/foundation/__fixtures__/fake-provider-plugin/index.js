// A minimal provider plugin for the gateway's own tests. It forwards to a local mock upstream
// (options.upstreamUrl) with core's HTTP helpers, so aborts and streaming are real end to end.
import { defineProviderPlugin, InvalidPluginOptionsError, UpstreamApiError } from '@multi-ai-proxy/core';
import { createHttpClient, openUpstreamStream, parseSseStream, sendUpstreamRequest } from '@multi-ai-proxy/core/provider-utils';

export default defineProviderPlugin({
  contractVersion: 1,
  name: 'fake',
  packageName: 'fake-provider-plugin',
  version: '1.0.0',
  parseOptions(raw, env) {
    const upstreamUrl = raw.upstreamUrl ?? env.FAKE_UPSTREAM_URL;
    if (typeof upstreamUrl !== 'string') throw new InvalidPluginOptionsError('fake', 'options.upstreamUrl', 'is missing; set it to the mock upstream URL.');
    return { upstreamUrl, patterns: raw.patterns ?? ['fake-*'] };
  },
  createProvider(options, context) {
    const client = createHttpClient({ timeoutMs: context.upstreamTimeoutMs });
    const request = (path, body, signal) => ({
      provider: context.instanceName,
      url: `${options.upstreamUrl}${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
      timeoutMs: context.upstreamTimeoutMs,
    });
    return {
      contractVersion: 1,
      instanceName: context.instanceName,
      modelPatterns: options.patterns,
      capabilities: { chatCompletions: true, streaming: true, completions: false, embeddings: false, listModels: true, passthrough: ['files'] },
      mapModel: (model) => (model === 'fake-alias' ? 'fake-upstream-model' : undefined),
      async createChatCompletion(body, call) {
        // A plugin may choose the status and headers of a JSON answer.
        if (body.model === 'fake-accepted') return { kind: 'json', status: 202, headers: { 'x-fake-status': 'yes' }, body: { accepted: true } };
        const payload = { ...body, upstreamModel: call.upstreamModel, requestId: call.requestId, credentials: call.credentials ?? null };
        if (body.stream) {
          const upstream = await openUpstreamStream(client, request('/stream', payload, call.signal));
          if (upstream.status !== 200) throw new UpstreamApiError({ provider: context.instanceName, status: upstream.status, message: 'upstream failed' });
          return {
            kind: 'chunks',
            chunks: (async function* () {
              for await (const event of parseSseStream(upstream.body)) {
                if (event.data === '[DONE]') return;
                const data = JSON.parse(event.data);
                if (data.error) throw new UpstreamApiError({ provider: context.instanceName, status: 500, message: data.error });
                yield data;
              }
            })(),
          };
        }
        const upstream = await sendUpstreamRequest(client, request('/chat', payload, call.signal));
        if (upstream.status >= 400) {
          throw new UpstreamApiError({ provider: context.instanceName, status: upstream.status, message: upstream.body.toString(), headers: { 'retry-after': upstream.headers['retry-after'] ?? '' } });
        }
        return { kind: 'json', body: JSON.parse(upstream.body.toString()) };
      },
      async listModels() {
        return [{ id: 'fake-model', object: 'model', created: 0, owned_by: context.instanceName }];
      },
      async passthrough(passthroughRequest) {
        return { kind: 'raw', status: 200, headers: { 'content-type': 'application/json', 'x-fake': '1', 'x-request-id': 'upstream-id-1', 'access-control-allow-origin': 'https://upstream.example' }, body: JSON.stringify({ operation: passthroughRequest.operation, params: passthroughRequest.params, bytes: passthroughRequest.body?.length ?? 0 }) };
      },
    };
  },
});
