import { type Completion, type CompletionRequest, InvalidRequestError } from '@multi-ai-proxy/core';
import { countWords } from './create-echo-reply.js';

/** Legacy `/v1/completions`: one choice per prompt, echoing it. */
export function createEchoCompletion(
  request: CompletionRequest,
  prefix: string,
  model: string,
  id: string,
  created: number,
): Completion {
  const prompts = readPrompts(request);
  const texts = prompts.map((prompt) => `${prefix}${prompt}`);
  const promptTokens = prompts.reduce((sum, prompt) => sum + countWords(prompt), 0);
  const completionTokens = texts.reduce((sum, text) => sum + countWords(text), 0);
  return {
    id,
    object: 'text_completion',
    created,
    model,
    choices: texts.map((text, index) => ({ text, index, logprobs: null, finish_reason: 'stop' })),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** The same answer as `text_completion` stream chunks: per choice its text, then its finish reason; usage last when asked. */
export function* streamEchoCompletion(
  completion: Completion,
  includeUsage: boolean,
): Generator<Completion> {
  const base = {
    id: completion.id,
    object: 'text_completion' as const,
    created: completion.created,
    model: completion.model,
  };
  for (const choice of completion.choices) {
    yield { ...base, choices: [{ ...choice, finish_reason: null }] };
    yield {
      ...base,
      choices: [
        { text: '', index: choice.index, logprobs: null, finish_reason: choice.finish_reason },
      ],
    };
  }
  if (includeUsage) yield { ...base, choices: [], usage: completion.usage ?? null };
}

function readPrompts(request: CompletionRequest): string[] {
  const prompt = request.prompt;
  if (typeof prompt === 'string') return [prompt];
  if (
    Array.isArray(prompt) &&
    prompt.length > 0 &&
    prompt.every((entry) => typeof entry === 'string')
  )
    return prompt as string[];
  throw new InvalidRequestError(
    'The echo provider takes prompt as a string or a list of strings (not token ids).',
    { param: 'prompt' },
  );
}
