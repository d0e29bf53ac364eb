import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionMessage,
  ChatCompletionMessageToolCall,
} from '@multi-ai-proxy/core';
import { convertGoogleLogprobs } from './convert-google-logprobs.js';
import { convertGoogleUsage } from './convert-google-usage.js';
import { createCompletionId } from '@multi-ai-proxy/core/provider-utils';
import { describePromptBlock } from './describe-prompt-block.js';
import type { GoogleCandidate, GoogleGenerateContentResponse } from './google-api-types.js';
import { isPromptBlocked } from './is-prompt-blocked.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { toThoughtSignatureExtraContent } from './thought-signature-extra-content.js';
import { encodeToolCallId } from './tool-call-id-codec.js';

export interface ConvertFromGoogleResponseOptions {
  /** The model name the client asked for: OpenAI answers with the model it was called with. */
  model: string;
  /** Response id; default `chatcmpl-<Gemini responseId>` or a random one. */
  id?: string;
  /** Unix seconds; default now. */
  created?: number;
}

/** A Gemini/Vertex GenerateContentResponse → an OpenAI `chat.completion`. */
export function convertFromGoogleResponse(
  response: GoogleGenerateContentResponse,
  options: ConvertFromGoogleResponseOptions,
): ChatCompletion {
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  const choices: ChatCompletionChoice[] =
    candidates.length > 0
      ? candidates.map((candidate, position) => convertCandidate(candidate, position))
      : !isPromptBlocked(response)
        ? // No candidates and no block reason: an empty answer, not a refusal.
          [
            {
              index: 0,
              message: { role: 'assistant', content: null, refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ]
        : [
            // No candidates: the prompt itself was blocked (promptFeedback) — a refusal, as OpenAI's content filter answers.
            {
              index: 0,
              message: {
                role: 'assistant',
                content: null,
                refusal: describePromptBlock(response.promptFeedback),
              },
              finish_reason: 'content_filter',
              logprobs: null,
            },
          ];
  return {
    id: options.id ?? createCompletionId('chatcmpl-', response.responseId),
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices,
    usage: convertGoogleUsage(response.usageMetadata),
    system_fingerprint: null,
  };
}

function convertCandidate(candidate: GoogleCandidate, position: number): ChatCompletionChoice {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall) {
      toolCalls.push({
        id: encodeToolCallId(part.functionCall.id, part.thoughtSignature),
        type: 'function',
        function: {
          name: part.functionCall.name ?? '',
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
        ...toThoughtSignatureExtraContent(part.thoughtSignature),
      });
    } else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    }
  }
  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: text.length > 0 ? text : null,
    refusal: null,
  };
  if (reasoning.length > 0) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    index: candidate.index ?? position,
    message,
    finish_reason: mapGoogleFinishReason(candidate.finishReason, {
      hasToolCalls: toolCalls.length > 0,
    }),
    logprobs: convertGoogleLogprobs(candidate.logprobsResult),
  };
}
