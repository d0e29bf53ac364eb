import type { ChatCompletionMessageParam, ChatCompletionTextPart } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import {
  convertToGoogleParts,
  type ConvertToGooglePartsOptions,
} from './convert-to-google-parts.js';
import type { GoogleContent, GooglePart } from './google-api-types.js';
import { acceptsSystemInstruction, isGemini3Model } from './google-model-traits.js';
import { readThoughtSignatureExtraContent } from './thought-signature-extra-content.js';
import { decodeToolCallId, GENERATED_TOOL_CALL_ID_PREFIX } from './tool-call-id-codec.js';

export interface ConvertToGoogleContentsOptions extends ConvertToGooglePartsOptions {
  /** Upstream model id: decides system-instruction support (Gemma) and thought-signature handling (Gemini 3). */
  modelId: string;
}

export interface GoogleContents {
  contents: GoogleContent[];
  systemInstruction?: { parts: GooglePart[] };
}

// Google's documented placeholder for function calls whose signature was lost (history written by
// another model, or a client that rewrote the tool call id): Gemini 3 then skips the check.
const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/**
 * OpenAI messages → Gemini `contents` and `systemInstruction`.
 * - system/developer messages (anywhere) → systemInstruction, one part each, in order
 * - assistant (or `model`, as Google's own examples write it) → role `model`; tool_calls → functionCall
 *   parts (thought signature from `extra_content.google.thought_signature`, else recovered from the id)
 * - tool → functionResponse under role `user`, its name recovered from the matching tool_call_id
 * - consecutive turns of one role are merged (Gemini wants them alternating)
 * Function call ids are sent only on the Gemini API (`flavor: 'gemini'`) and only when Gemini assigned them.
 */
export async function convertToGoogleContents(
  messages: readonly ChatCompletionMessageParam[],
  options: ConvertToGoogleContentsOptions,
): Promise<GoogleContents> {
  if (!Array.isArray(messages) || messages.length === 0)
    throw new InvalidRequestError('messages must be a non-empty array.', { param: 'messages' });
  // Ids go back only to the Gemini API and only when Gemini assigned them: the ones the gateway
  // made up (`call_…`) mean nothing upstream, and Vertex rejects ids altogether.
  const upstreamId = (id: string): string | undefined =>
    options.flavor === 'gemini' && id.length > 0 && !id.startsWith(GENERATED_TOOL_CALL_ID_PREFIX)
      ? id
      : undefined;
  const gemini3 = isGemini3Model(options.modelId);
  const toolNames = new Map<string, string>();
  const systemParts: GooglePart[] = [];
  const turns: GoogleContent[] = [];

  const converted = await Promise.all(
    messages.map(async (original, index) => {
      const param = `messages[${index}]`;
      if (original === null || typeof original !== 'object')
        throw new InvalidRequestError('Each message must be an object.', { param });
      // Google's OpenAI-compatibility examples write assistant turns with Gemini's role name.
      const message =
        (original.role as string) === 'model'
          ? ({ ...original, role: 'assistant' } as ChatCompletionMessageParam)
          : original;
      if (message.role === 'user')
        return {
          message,
          parts: await convertToGoogleParts(message.content, `${param}.content`, options),
        };
      return { message, parts: undefined };
    }),
  );

  for (const [index, { message, parts: userParts }] of converted.entries()) {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content, `${param}.content`);
        if (text.length > 0) systemParts.push({ text });
        break;
      }
      case 'user': {
        const parts = userParts ?? [];
        turns.push({ role: 'user', parts: parts.length > 0 ? parts : [{ text: ' ' }] });
        break;
      }
      case 'assistant': {
        const parts: GooglePart[] = [];
        const content = message.content;
        if (typeof content === 'string') {
          if (content.length > 0) parts.push({ text: content });
        } else if (Array.isArray(content)) {
          for (const [partIndex, part] of content.entries()) {
            if (typeof part !== 'object' || part === null)
              throw new InvalidRequestError('Each content part must be an object.', {
                param: `${param}.content[${partIndex}]`,
              });
            const text =
              part.type === 'refusal' ? part.refusal : part.type === 'text' ? part.text : undefined;
            if (typeof text === 'string' && text.length > 0) parts.push({ text });
          }
        } else if (content === undefined || content === null) {
          if (typeof message.refusal === 'string' && message.refusal.length > 0)
            parts.push({ text: message.refusal });
        }
        const toolCalls = message.tool_calls ?? [];
        if (!Array.isArray(toolCalls))
          throw new InvalidRequestError('tool_calls must be an array.', {
            param: `${param}.tool_calls`,
          });
        let firstCall = true;
        for (const [callIndex, toolCall] of toolCalls.entries()) {
          const callParam = `${param}.tool_calls[${callIndex}]`;
          const name = toolCall?.function?.name;
          if (typeof name !== 'string' || name.length === 0)
            throw new InvalidRequestError('tool_calls[].function.name is required.', {
              param: `${callParam}.function.name`,
            });
          const decoded = decodeToolCallId(String(toolCall.id ?? ''));
          const id = decoded.id;
          // The client's extra_content signature (Google's layer) first, then the one in the id.
          const thoughtSignature =
            readThoughtSignatureExtraContent(toolCall) ?? decoded.thoughtSignature;
          if (toolCall.id) toolNames.set(String(toolCall.id), name);
          const callId = upstreamId(id);
          const part: GooglePart = {
            functionCall: {
              ...(callId ? { id: callId } : {}),
              name,
              args: parseArguments(toolCall.function.arguments, `${callParam}.function.arguments`),
            },
          };
          // Gemini 3 checks the signature of the first call of each step only (parallel calls carry one).
          const signature = thoughtSignature ?? (gemini3 && firstCall ? SKIP_SIGNATURE : undefined);
          if (signature) part.thoughtSignature = signature;
          firstCall = false;
          parts.push(part);
        }
        if (parts.length > 0) turns.push({ role: 'model', parts });
        break;
      }
      case 'tool': {
        const name = toolNames.get(String(message.tool_call_id));
        if (name === undefined) {
          throw new InvalidRequestError(
            `No earlier assistant tool call has the id "${String(message.tool_call_id)}" that this tool message answers.`,
            {
              param: `${param}.tool_call_id`,
            },
          );
        }
        const responseId = upstreamId(decodeToolCallId(String(message.tool_call_id)).id);
        const output = textOf(message.content, `${param}.content`);
        turns.push({
          role: 'user',
          parts: [
            {
              functionResponse: {
                ...(responseId ? { id: responseId } : {}),
                name,
                response: toFunctionResponse(output),
              },
            },
          ],
        });
        break;
      }
      case 'function': {
        // Legacy `functions` API: the message names its function itself.
        turns.push({
          role: 'user',
          parts: [
            {
              functionResponse: {
                name: message.name,
                response: toFunctionResponse(message.content ?? ''),
              },
            },
          ],
        });
        break;
      }
      default:
        throw new InvalidRequestError(
          `Unknown message role "${String((message as { role?: unknown }).role)}".`,
          { param: `${param}.role` },
        );
    }
  }

  const contents = mergeConsecutiveTurns(turns);
  if (systemParts.length > 0 && !acceptsSystemInstruction(options.modelId)) {
    const firstUser = contents.find((turn) => turn.role === 'user');
    const text = systemParts.map((part) => part.text).join('\n\n');
    if (firstUser) firstUser.parts = [{ text }, ...(firstUser.parts ?? [])];
    else contents.unshift({ role: 'user', parts: [{ text }] });
    return { contents };
  }
  if (contents.length === 0)
    throw new InvalidRequestError('messages must contain at least one user or assistant message.', {
      param: 'messages',
    });
  return systemParts.length > 0
    ? { contents, systemInstruction: { parts: systemParts } }
    : { contents };
}

function mergeConsecutiveTurns(turns: GoogleContent[]): GoogleContent[] {
  const merged: GoogleContent[] = [];
  for (const turn of turns) {
    const previous = merged[merged.length - 1];
    if (previous && previous.role === turn.role)
      previous.parts = [...(previous.parts ?? []), ...(turn.parts ?? [])];
    else merged.push({ role: turn.role, parts: [...(turn.parts ?? [])] });
  }
  return merged;
}

function textOf(
  content: string | ChatCompletionTextPart[] | null | undefined,
  param: string,
): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError('Message content must be a string or an array of text parts.', {
      param,
    });
  return content
    .map((part, index) => {
      if (part?.type !== 'text')
        throw new InvalidRequestError('Only text parts are allowed in this message.', {
          param: `${param}[${index}]`,
        });
      return part.text;
    })
    .join('');
}

function parseArguments(raw: unknown, param: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(String(raw));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new InvalidRequestError('Tool call arguments must be a JSON object.', { param });
}

/** Gemini wants an object: a JSON object result stays as it is, anything else goes under `output`. */
function toFunctionResponse(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return { output: parsed };
  } catch {
    return { output: text };
  }
}
