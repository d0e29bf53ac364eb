import type {
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CompletionRequest,
  ModelCallContextV1,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import { createAnthropicChatCompletion } from './create-anthropic-chat-completion.js';
import type { AnthropicCallSettings } from './send-anthropic-request.js';

/**
 * Legacy completions on Claude: the prompt as one user turn of a chat call, answered as `text_completion`.
 * One string prompt (or a list of one) only: token-id prompts, `echo`, `suffix` and `logprobs` have no Claude equivalent.
 */
export async function createAnthropicCompletion(
  settings: AnthropicCallSettings & { defaultMaxTokens: number },
  request: CompletionRequest,
  context: ModelCallContextV1,
): Promise<OperationResultV1<Completion, Completion>> {
  const prompt =
    Array.isArray(request.prompt) && request.prompt.length === 1
      ? request.prompt[0]
      : request.prompt;
  if (typeof prompt !== 'string')
    throw new InvalidRequestError('Claude completions take one text prompt (a string).', {
      param: 'prompt',
      code: 'unsupported_value',
    });
  for (const field of ['echo', 'suffix', 'logprobs'] as const) {
    if (request[field] !== undefined && request[field] !== null && request[field] !== false) {
      throw new InvalidRequestError(`${field} is not supported by Claude completions.`, {
        param: field,
        code: 'unsupported_value',
      });
    }
  }
  const result = await createAnthropicChatCompletion(
    settings,
    {
      model: request.model,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: request.max_tokens,
      temperature: request.temperature,
      top_p: request.top_p,
      stop: request.stop,
      user: request.user,
      n: request.n,
      stream: request.stream,
      stream_options: request.stream_options,
    },
    context,
  );
  const id = createCompletionId('cmpl-');
  if (result.kind === 'json') return { kind: 'json', body: toCompletion(result.body, id) };
  if (result.kind === 'chunks')
    return { kind: 'chunks', chunks: toCompletionChunks(result.chunks, id) };
  return result;
}

function toCompletion(completion: ChatCompletion, id: string): Completion {
  const choice = completion.choices[0];
  return {
    id,
    object: 'text_completion',
    created: completion.created,
    model: completion.model,
    choices: [
      {
        text: choice?.message.content ?? '',
        index: 0,
        logprobs: null,
        finish_reason: finishOf(choice?.finish_reason),
      },
    ],
    usage: completion.usage,
  };
}

async function* toCompletionChunks(
  chunks: AsyncIterable<ChatCompletionChunk>,
  id: string,
): AsyncGenerator<Completion> {
  for await (const chunk of chunks) {
    const choice = chunk.choices[0];
    if (choice === undefined) {
      yield {
        id,
        object: 'text_completion',
        created: chunk.created,
        model: chunk.model,
        choices: [],
        usage: chunk.usage ?? null,
      };
      continue;
    }
    const text = choice.delta.content ?? '';
    if (text.length === 0 && choice.finish_reason === null) continue;
    yield {
      id,
      object: 'text_completion',
      created: chunk.created,
      model: chunk.model,
      choices: [{ text, index: 0, logprobs: null, finish_reason: finishOf(choice.finish_reason) }],
    };
  }
}

function finishOf(
  reason: string | null | undefined,
): Completion['choices'][number]['finish_reason'] {
  if (reason === null || reason === undefined) return null;
  if (reason === 'length' || reason === 'content_filter') return reason;
  return 'stop';
}
