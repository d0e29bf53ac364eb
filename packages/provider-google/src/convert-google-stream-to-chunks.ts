import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCallDelta,
  ChatCompletionFinishReason,
  CompletionUsage,
} from '@multi-ai-proxy/core';
import { applyPartialArgs } from './apply-partial-args.js';
import { convertGoogleLogprobs } from './convert-google-logprobs.js';
import { convertGoogleUsage } from './convert-google-usage.js';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import { describePromptBlock } from './describe-prompt-block.js';
import type { GoogleGenerateContentResponse, GoogleUsageMetadata } from './google-api-types.js';
import { isPromptBlocked } from './is-prompt-blocked.js';
import { mapGoogleError } from './map-google-error.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { toThoughtSignatureExtraContent } from './thought-signature-extra-content.js';
import { encodeToolCallId } from './tool-call-id-codec.js';

export interface ConvertGoogleStreamToChunksOptions {
  /** The model name the client asked for. */
  model: string;
  /** Provider instance name, for errors raised mid-stream. */
  provider: string;
  /** `stream_options.include_usage`: add the usage-only chunk (choices: []) before [DONE]. */
  includeUsage?: boolean;
  /** Called once at the end with the upstream's usage, whether or not the client asked for it (telemetry). */
  onUsage?: (usage: CompletionUsage) => void;
  id?: string;
  created?: number;
}

interface ChoiceState {
  toolCalls: number;
  finishReason: string | undefined;
  blocked: boolean;
  /** Vertex streamed-arguments call being assembled. */
  partial: { index: number; args: Record<string, unknown> } | undefined;
}

/**
 * Gemini stream events (parsed, see parseGoogleSseStream) → OpenAI `chat.completion.chunk`s, one
 * yielded per upstream event as it arrives: a first chunk per choice with `role: "assistant"`, then
 * content / `reasoning_content` / `tool_calls` deltas (whole calls, with their own `index`), the
 * finish reason on one last chunk per choice (after the upstream ended: Vertex repeats
 * `finishReason` on every chunk), then the usage-only chunk when asked. An `error` object in the
 * stream is thrown as UpstreamApiError, which the host turns into an error event and a clean end.
 */
export async function* convertGoogleStreamToChunks(
  events: AsyncIterable<GoogleGenerateContentResponse>,
  options: ConvertGoogleStreamToChunksOptions,
): AsyncGenerator<ChatCompletionChunk> {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  let id = options.id;
  const states = new Map<number, ChoiceState>();
  let usage: GoogleUsageMetadata | undefined;

  const chunk = (
    choices: ChatCompletionChunk['choices'],
    chunkUsage?: CompletionUsage,
  ): ChatCompletionChunk => {
    const out: ChatCompletionChunk = {
      id: id ?? createCompletionId('chatcmpl-'),
      object: 'chat.completion.chunk',
      created,
      model: options.model,
      choices,
    };
    id = out.id;
    if (options.includeUsage) out.usage = chunkUsage ?? null;
    return out;
  };
  const start = (index: number): ChatCompletionChunk | undefined => {
    if (states.has(index)) return undefined;
    states.set(index, {
      toolCalls: 0,
      finishReason: undefined,
      blocked: false,
      partial: undefined,
    });
    return chunk([
      {
        index,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ]);
  };

  for await (const event of events) {
    if (event.error) throw mapGoogleError(200, { error: event.error }, options.provider);
    id ??= createCompletionId('chatcmpl-', event.responseId);
    if (event.usageMetadata) usage = event.usageMetadata;
    const candidates = Array.isArray(event.candidates) ? event.candidates : [];

    if (isPromptBlocked(event)) {
      const first = start(0);
      if (first) yield first;
      const state = states.get(0) as ChoiceState;
      if (!state.blocked) {
        state.blocked = true;
        yield chunk([
          {
            index: 0,
            delta: { refusal: describePromptBlock(event.promptFeedback) },
            logprobs: null,
            finish_reason: null,
          },
        ]);
      }
      continue;
    }

    for (const [position, candidate] of candidates.entries()) {
      const index = candidate.index ?? position;
      const first = start(index);
      if (first) yield first;
      const state = states.get(index) as ChoiceState;
      if (candidate.finishReason) state.finishReason = candidate.finishReason;

      let content = '';
      let reasoning = '';
      const toolCalls: ChatCompletionChunkToolCallDelta[] = [];
      for (const part of candidate.content?.parts ?? []) {
        const call = part.functionCall;
        if (call) {
          if (call.name && call.willContinue) {
            // Vertex streamed arguments: announce the call now, send its arguments when it closes.
            state.partial = { index: state.toolCalls++, args: { ...call.args } };
            for (const entry of call.partialArgs ?? []) applyPartialArgs(state.partial.args, entry);
            toolCalls.push({
              index: state.partial.index,
              id: encodeToolCallId(call.id, part.thoughtSignature),
              type: 'function',
              function: { name: call.name, arguments: '' },
              ...toThoughtSignatureExtraContent(part.thoughtSignature),
            });
          } else if (state.partial && !call.name) {
            for (const entry of call.partialArgs ?? []) applyPartialArgs(state.partial.args, entry);
            if (!call.willContinue) {
              toolCalls.push({
                index: state.partial.index,
                function: { arguments: JSON.stringify(state.partial.args) },
              });
              state.partial = undefined;
            }
          } else if (call.name) {
            // A short call may also arrive whole with streamed arguments: `name` + `partialArgs`, no
            // `willContinue` (recorded: vertex/streamGenerateContent.streamFunctionCallArguments.recording.json).
            const args: Record<string, unknown> = { ...call.args };
            for (const entry of call.partialArgs ?? []) applyPartialArgs(args, entry);
            toolCalls.push({
              index: state.toolCalls++,
              id: encodeToolCallId(call.id, part.thoughtSignature),
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(args) },
              ...toThoughtSignatureExtraContent(part.thoughtSignature),
            });
          }
        } else if (typeof part.text === 'string') {
          if (part.thought === true) reasoning += part.text;
          else content += part.text;
        }
      }
      const delta: ChatCompletionChunkDelta = {};
      if (reasoning.length > 0) delta.reasoning_content = reasoning;
      if (content.length > 0) delta.content = content;
      if (toolCalls.length > 0) delta.tool_calls = toolCalls;
      if (Object.keys(delta).length > 0) {
        yield chunk([
          {
            index,
            delta,
            logprobs: convertGoogleLogprobs(candidate.logprobsResult),
            finish_reason: null,
          },
        ]);
      }
    }
  }

  if (states.size === 0) {
    const first = start(0);
    if (first) yield first;
  }
  for (const [index, state] of [...states.entries()].sort(([a], [b]) => a - b)) {
    const reason: ChatCompletionFinishReason = state.blocked
      ? 'content_filter'
      : mapGoogleFinishReason(state.finishReason, { hasToolCalls: state.toolCalls > 0 });
    yield chunk([{ index, delta: {}, logprobs: null, finish_reason: reason }]);
  }
  const finalUsage = convertGoogleUsage(usage);
  options.onUsage?.(finalUsage);
  if (options.includeUsage) yield chunk([], finalUsage);
}
