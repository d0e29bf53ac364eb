import type { Completion, CompletionUsage } from '@multi-ai-proxy/core';
import { completionFinishReason } from './convert-from-google-completion.js';
import { convertGoogleUsage } from './convert-google-usage.js';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import type { GoogleGenerateContentResponse, GoogleUsageMetadata } from './google-api-types.js';
import { isPromptBlocked } from './is-prompt-blocked.js';
import { mapGoogleError } from './map-google-error.js';

export interface ConvertGoogleStreamToCompletionChunksOptions {
  model: string;
  provider: string;
  includeUsage?: boolean;
  /** Called once at the end with the upstream's usage, whether or not the client asked for it (telemetry). */
  onUsage?: (usage: CompletionUsage) => void;
  /** `echo: true`: the prompt is streamed first. */
  echoPrompt?: string;
  id?: string;
  created?: number;
}

/** Gemini stream events → OpenAI `text_completion` chunks (one per event), a finish chunk, and the usage chunk when asked. */
export async function* convertGoogleStreamToCompletionChunks(
  events: AsyncIterable<GoogleGenerateContentResponse>,
  options: ConvertGoogleStreamToCompletionChunksOptions,
): AsyncGenerator<Completion> {
  const id = options.id ?? createCompletionId('cmpl-');
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const chunk = (choices: Completion['choices']): Completion => ({
    id,
    object: 'text_completion',
    created,
    model: options.model,
    choices,
  });
  const finish = new Map<number, string | undefined>();
  let blocked = false;
  let usage: GoogleUsageMetadata | undefined;
  if (options.echoPrompt)
    yield chunk([{ text: options.echoPrompt, index: 0, logprobs: null, finish_reason: null }]);

  for await (const event of events) {
    if (event.error) throw mapGoogleError(200, { error: event.error }, options.provider);
    if (event.usageMetadata) usage = event.usageMetadata;
    const candidates = event.candidates ?? [];
    if (isPromptBlocked(event)) blocked = true;
    for (const [position, candidate] of candidates.entries()) {
      const index = candidate.index ?? position;
      if (!finish.has(index) || candidate.finishReason) finish.set(index, candidate.finishReason);
      const text = (candidate.content?.parts ?? [])
        .map((part) => (typeof part.text === 'string' && part.thought !== true ? part.text : ''))
        .join('');
      if (text.length > 0) yield chunk([{ text, index, logprobs: null, finish_reason: null }]);
    }
  }
  if (finish.size === 0) finish.set(0, undefined);
  for (const [index, reason] of [...finish.entries()].sort(([a], [b]) => a - b)) {
    yield chunk([
      {
        text: '',
        index,
        logprobs: null,
        finish_reason: blocked ? 'content_filter' : completionFinishReason(reason),
      },
    ]);
  }
  const finalUsage = convertGoogleUsage(usage);
  options.onUsage?.(finalUsage);
  if (options.includeUsage) yield { ...chunk([]), usage: finalUsage };
}
