// Message content on GenAI spans, only with OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true
// (prompts and answers are the client's data). The shapes are the GenAI conventions' JSON schemas:
// input and output messages as `{role, parts: [{type: 'text', content} | {type: 'tool_call', …} |
// {type: 'tool_call_response', …}], finish_reason?}`, system instructions as parts, tool
// definitions as the request sent them.
import { ATTR } from './gen-ai-attributes.js';

type Part = Record<string, unknown>;
interface GenAiMessage {
  role: string;
  parts: Part[];
  finish_reason?: string;
}
type Attributes = Record<string, string | number | boolean>;
// Bounds what a forwarded JSON answer may hold in memory for its span.
const RAW_LIMIT = 4 * 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text, image, tool-call and tool-result blocks of OpenAI, Responses and Anthropic content. */
function partsOf(content: unknown): Part[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  const parts: Part[] = [];
  for (const block of content) {
    if (typeof block === 'string') parts.push({ type: 'text', content: block });
    if (!isRecord(block)) continue;
    if (typeof block.text === 'string') parts.push({ type: 'text', content: block.text });
    else if (block.type === 'tool_use')
      parts.push({ type: 'tool_call', id: block.id, name: block.name, arguments: block.input });
    else if (block.type === 'tool_result')
      parts.push({ type: 'tool_call_response', id: block.tool_use_id, response: block.content });
    else if (typeof block.type === 'string') parts.push({ type: block.type });
  }
  return parts;
}

function toolCallParts(toolCalls: unknown): Part[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.filter(isRecord).map((call) => {
    const fn = isRecord(call.function) ? call.function : {};
    return { type: 'tool_call', id: call.id, name: fn.name, arguments: fn.arguments };
  });
}

function messageOf(message: unknown): GenAiMessage | undefined {
  if (!isRecord(message)) return undefined;
  // Responses API items without a role (function calls and their outputs).
  if (message.type === 'function_call')
    return {
      role: 'assistant',
      parts: [
        {
          type: 'tool_call',
          id: message.call_id,
          name: message.name,
          arguments: message.arguments,
        },
      ],
    };
  if (message.type === 'function_call_output')
    return {
      role: 'tool',
      parts: [{ type: 'tool_call_response', id: message.call_id, response: message.output }],
    };
  const role = typeof message.role === 'string' ? message.role : 'user';
  if (role === 'tool')
    return {
      role,
      parts: [{ type: 'tool_call_response', id: message.tool_call_id, response: message.content }],
    };
  return { role, parts: [...partsOf(message.content), ...toolCallParts(message.tool_calls)] };
}

/**
 * The request's content attributes: `gen_ai.input.messages` (chat `messages`, Responses `input`,
 * completions `prompt`), `gen_ai.system_instructions` (Responses `instructions`, Anthropic `system`),
 * `gen_ai.tool.definitions` (`tools`).
 */
export function captureInput(body: Record<string, unknown>, attributes: Attributes): void {
  const source = body.messages ?? body.input ?? body.prompt;
  const messages: GenAiMessage[] =
    typeof source === 'string'
      ? [{ role: 'user', parts: [{ type: 'text', content: source }] }]
      : Array.isArray(source)
        ? source.flatMap((message) => {
            if (typeof message === 'string')
              return [{ role: 'user', parts: [{ type: 'text', content: message }] }];
            const converted = messageOf(message);
            return converted === undefined ? [] : [converted];
          })
        : [];
  if (messages.length > 0) attributes[ATTR.inputMessages] = JSON.stringify(messages);
  const system = partsOf(body.instructions ?? body.system);
  if (system.length > 0) attributes[ATTR.systemInstructions] = JSON.stringify(system);
  if (Array.isArray(body.tools) && body.tools.length > 0)
    attributes[ATTR.toolDefinitions] = JSON.stringify(body.tools);
}

interface ChoiceDraft {
  text: string;
  toolCalls: Map<number, { id?: unknown; name: string; arguments: string }>;
  finishReason?: string;
}

/**
 * The answer's `gen_ai.output.messages`, from a whole OpenAI-shaped answer or assembled from its
 * stream chunks (deltas of text and tool calls per choice), raw event-stream bytes included.
 */
export class OutputCapture {
  private readonly choices = new Map<number, ChoiceDraft>();
  private whole: GenAiMessage[] | undefined;
  private pendingText = '';
  /** A forwarded body as written (a JSON answer arrives in pieces too), up to RAW_LIMIT characters. */
  private raw = '';

  /** A whole answer (`choices[].message`). */
  answer(body: unknown): void {
    if (!isRecord(body) || !Array.isArray(body.choices)) return;
    this.whole = body.choices.filter(isRecord).map((choice) => {
      const message = messageOf(choice.message) ?? { role: 'assistant', parts: [] };
      if (typeof choice.text === 'string')
        message.parts.push({ type: 'text', content: choice.text });
      return {
        role: message.role,
        parts: message.parts,
        ...(typeof choice.finish_reason === 'string'
          ? { finish_reason: choice.finish_reason }
          : {}),
      };
    });
  }

  /** A whole answer as bytes (a passthrough's JSON body). */
  answerBytes(bytes: Buffer): void {
    try {
      this.answer(JSON.parse(bytes.toString('utf8')));
    } catch {
      // Not JSON (or an event stream sent at once): read it as events.
      this.bytes(bytes);
    }
  }

  /** One stream chunk (`choices[].delta`). */
  chunk(chunk: unknown): void {
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      let draft = this.choices.get(index);
      if (draft === undefined) {
        draft = { text: '', toolCalls: new Map() };
        this.choices.set(index, draft);
      }
      const delta = isRecord(choice.delta) ? choice.delta : {};
      if (typeof delta.content === 'string') draft.text += delta.content;
      if (typeof choice.text === 'string') draft.text += choice.text;
      if (Array.isArray(delta.tool_calls))
        for (const call of delta.tool_calls.filter(isRecord)) {
          const callIndex = typeof call.index === 'number' ? call.index : 0;
          const fn = isRecord(call.function) ? call.function : {};
          const known = draft.toolCalls.get(callIndex) ?? { name: '', arguments: '' };
          if (call.id !== undefined) known.id = call.id;
          if (typeof fn.name === 'string') known.name += fn.name;
          if (typeof fn.arguments === 'string') known.arguments += fn.arguments;
          draft.toolCalls.set(callIndex, known);
        }
      if (typeof choice.finish_reason === 'string') draft.finishReason = choice.finish_reason;
    }
  }

  /** A piece of a forwarded body: an event stream's `data:` lines are chunks; JSON is read at the end. */
  bytes(piece: Buffer): void {
    const text = piece.toString('utf8');
    if (this.raw.length + text.length <= RAW_LIMIT) this.raw += text;
    const lines = (this.pendingText + text).split('\n');
    this.pendingText = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '' || data === '[DONE]') continue;
      try {
        this.chunk(JSON.parse(data));
      } catch {
        // A line that is not JSON adds nothing.
      }
    }
  }

  /** The `gen_ai.output.messages` value, or undefined when nothing was answered. */
  get value(): string | undefined {
    if (this.whole === undefined && this.choices.size === 0 && this.raw.startsWith('{')) {
      try {
        this.answer(JSON.parse(this.raw));
      } catch {
        // Cut or not JSON: nothing to record.
      }
    }
    if (this.whole !== undefined) return JSON.stringify(this.whole);
    if (this.choices.size === 0) return undefined;
    const messages = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, draft]) => ({
        role: 'assistant',
        parts: [
          ...(draft.text === '' ? [] : [{ type: 'text', content: draft.text }]),
          ...[...draft.toolCalls.values()].map((call) => ({ type: 'tool_call', ...call })),
        ],
        ...(draft.finishReason === undefined ? {} : { finish_reason: draft.finishReason }),
      }));
    return JSON.stringify(messages);
  }
}
