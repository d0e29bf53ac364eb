import { randomUUID } from 'node:crypto';
import {
  type CreateEmbeddingResponse,
  type Embedding,
  InvalidRequestError,
  type OpenAIModel,
  type PluginContextV1,
  type ProviderV1,
} from '@multi-ai-proxy/core';
import { encodeEmbeddingBase64 } from '@multi-ai-proxy/core/provider-utils';
import { convertEchoReplyToChatCompletion } from './convert-echo-reply-to-chat-completion.js';
import { createEchoCompletion, streamEchoCompletion } from './create-echo-completion.js';
import { createEchoEmbedding } from './create-echo-embedding.js';
import { countWords, createEchoReply } from './create-echo-reply.js';
import type { EchoProviderOptions } from './echo-provider-options.js';
import { streamEchoReply } from './stream-echo-reply.js';

const MAX_DIMENSIONS = 4096;

/** One echo instance. It has no upstream, so it answers instantly and never fails on its own. */
export function createEchoProvider(
  options: EchoProviderOptions,
  context: PluginContextV1,
): ProviderV1 {
  const models = new Set(options.models);
  const now = () => Math.floor(Date.now() / 1000);
  return {
    contractVersion: 1,
    instanceName: context.instanceName,
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: [],
    },
    modelPatterns: ['echo-*'],
    knownModels: () => models,

    async createChatCompletion(request, call) {
      const reply = createEchoReply(request, options.prefix);
      const model = call.model ?? request.model;
      const id = `chatcmpl-echo-${randomUUID()}`;
      if (!request.stream)
        return { kind: 'json', body: convertEchoReplyToChatCompletion(reply, model, id, now()) };
      const includeUsage = request.stream_options?.include_usage === true;
      return {
        kind: 'chunks',
        chunks: streamEchoReply(reply, {
          model,
          id,
          created: now(),
          includeUsage,
          chunkDelayMs: options.chunkDelayMs,
          signal: call.signal,
        }),
      };
    },

    async createCompletion(request, call) {
      const completion = createEchoCompletion(
        request,
        options.prefix,
        call.model ?? request.model,
        `cmpl-echo-${randomUUID()}`,
        now(),
      );
      if (!request.stream) return { kind: 'json', body: completion };
      return {
        kind: 'chunks',
        chunks: toAsync(
          streamEchoCompletion(completion, request.stream_options?.include_usage === true),
        ),
      };
    },

    async createEmbedding(request, call) {
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      if (
        !Array.isArray(inputs) ||
        inputs.length === 0 ||
        !inputs.every((input) => typeof input === 'string')
      ) {
        throw new InvalidRequestError('The echo provider embeds a string or a list of strings.', {
          param: 'input',
        });
      }
      const dimensions = request.dimensions;
      if (
        dimensions !== undefined &&
        (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS)
      ) {
        throw new InvalidRequestError(
          `dimensions must be an integer between 1 and ${MAX_DIMENSIONS}.`,
          { param: 'dimensions' },
        );
      }
      const data: Embedding[] = (inputs as string[]).map((input, index) => {
        const vector = createEchoEmbedding(input, dimensions);
        return {
          object: 'embedding',
          index,
          embedding: request.encoding_format === 'base64' ? encodeEmbeddingBase64(vector) : vector,
        };
      });
      const tokens = (inputs as string[]).reduce((sum, input) => sum + countWords(input), 0);
      const body: CreateEmbeddingResponse = {
        object: 'list',
        data,
        model: call.model ?? request.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      };
      return { kind: 'json', body };
    },

    async listModels(): Promise<OpenAIModel[]> {
      return options.models.map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'multi-ai-proxy-provider-echo',
      }));
    },
  };
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
