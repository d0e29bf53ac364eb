import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { parseDataUrl } from '@multi-ai-proxy/core/provider-utils';
import type {
  AnthropicContentBlock,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicTool,
  AnthropicToolChoice,
} from './anthropic-api-types.js';
import { mapReasoningEffortToThinking } from './map-reasoning-effort-to-thinking.js';

const REASONING_EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/**
 * OpenAI chat completions → an Anthropic Messages request (README "Chat completions to Claude").
 * system/developer messages → `system`; consecutive turns of one role merged (tool results must all sit
 * in the user turn after the assistant's `tool_use`s); images as base64 or URL sources; tool calls as
 * `tool_use` with their JSON input; `reasoning_effort` → `thinking` with a token budget below `max_tokens`.
 */
export function convertChatToAnthropicRequest(
  request: ChatCompletionRequest,
  options: { model: string; defaultMaxTokens: number },
): AnthropicMessagesRequest {
  if (!Array.isArray(request.messages))
    throw new InvalidRequestError("'messages' must be an array.", {
      param: 'messages',
      code: 'invalid_type',
    });
  if (typeof request.n === 'number' && request.n !== 1)
    throw new InvalidRequestError('Claude returns one choice per request: n must be 1.', {
      param: 'n',
      code: 'unsupported_value',
    });
  const format = request.response_format?.type;
  if (format !== undefined && format !== 'text') {
    throw new InvalidRequestError(
      `response_format "${format}" is not translated to Claude: describe the format in the prompt or use tools.`,
      { param: 'response_format', code: 'unsupported_value' },
    );
  }
  const system: Array<{ type: 'text'; text: string }> = [];
  const messages: AnthropicMessageParam[] = [];
  request.messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (message === null || typeof message !== 'object')
      throw new InvalidRequestError(`${param} must be an object.`, { param, code: 'invalid_type' });
    if (message.role === 'system' || message.role === 'developer') {
      for (const text of textsOf(message.content, `${param}.content`))
        system.push({ type: 'text', text });
      return;
    }
    push(messages, toAnthropicMessage(message, param));
  });

  const explicitMax = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const body: AnthropicMessagesRequest = {
    model: options.model,
    max_tokens: explicitMax ?? options.defaultMaxTokens,
    messages,
  };
  if (system.length > 0) body.system = system;
  if (request.tools !== undefined && request.tools.length > 0)
    body.tools = request.tools.map(toAnthropicTool);
  const toolChoice = toAnthropicToolChoice(request.tool_choice, request.parallel_tool_calls);
  if (toolChoice !== undefined && (body.tools !== undefined || toolChoice.type === 'none'))
    body.tool_choice = toolChoice;
  if (request.stop !== undefined && request.stop !== null)
    body.stop_sequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (typeof request.temperature === 'number') body.temperature = request.temperature;
  if (typeof request.top_p === 'number') body.top_p = request.top_p;
  if (typeof request.user === 'string' && request.user.length > 0)
    body.metadata = { user_id: request.user };
  applyThinking(body, request.reasoning_effort, explicitMax, options.defaultMaxTokens);
  return body;
}

function applyThinking(
  body: AnthropicMessagesRequest,
  effort: ChatCompletionRequest['reasoning_effort'],
  explicitMax: number | undefined,
  defaultMaxTokens: number,
): void {
  if (effort !== undefined && effort !== null && !REASONING_EFFORTS.has(effort)) {
    throw new InvalidRequestError(
      `reasoning_effort must be one of ${[...REASONING_EFFORTS].join(', ')}.`,
      { param: 'reasoning_effort', code: 'invalid_value' },
    );
  }
  const thinking = mapReasoningEffortToThinking(effort);
  if (thinking === undefined || thinking.type !== 'enabled') {
    if (thinking !== undefined) body.thinking = thinking;
    return;
  }
  // A tool loop in progress whose assistant turn carries no signed thinking block (chat clients never
  // keep one) is refused by Claude with thinking on, so that turn is answered without thinking.
  if (continuesToolTurnWithoutThinking(body.messages)) return;
  if (explicitMax === undefined) {
    body.max_tokens = Math.max(defaultMaxTokens, thinking.budget_tokens + defaultMaxTokens);
  } else if (thinking.budget_tokens >= explicitMax) {
    // The budget must stay below max_tokens; 1024 is Claude's minimum budget.
    if (explicitMax <= 1024) return;
    thinking.budget_tokens = explicitMax - 1;
  }
  body.thinking = thinking;
}

function continuesToolTurnWithoutThinking(messages: AnthropicMessageParam[]): boolean {
  const last = messages.at(-1);
  const previous = messages.at(-2);
  if (
    last?.role !== 'user' ||
    previous?.role !== 'assistant' ||
    typeof previous.content === 'string'
  )
    return false;
  return (
    previous.content.some((block) => block.type === 'tool_use') &&
    !previous.content.some(
      (block) => block.type === 'thinking' || block.type === 'redacted_thinking',
    )
  );
}

function toAnthropicMessage(
  message: ChatCompletionMessageParam,
  param: string,
): AnthropicMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: toUserBlocks(message.content, `${param}.content`) };
    case 'assistant': {
      const blocks: AnthropicContentBlock[] = [];
      if (message.content !== undefined && message.content !== null) {
        for (const text of textsOf(
          message.content as string | ChatCompletionContentPart[],
          `${param}.content`,
        ))
          if (text.length > 0) blocks.push({ type: 'text', text });
      }
      if (message.tool_calls !== undefined) {
        if (!Array.isArray(message.tool_calls))
          throw new InvalidRequestError(`${param}.tool_calls must be an array.`, {
            param: `${param}.tool_calls`,
            code: 'invalid_type',
          });
        message.tool_calls.forEach((call, index) => {
          blocks.push({
            type: 'tool_use',
            id: call.id,
            name: call.function?.name,
            input: parseArguments(
              call.function?.arguments,
              `${param}.tool_calls[${index}].function.arguments`,
            ),
          });
        });
      }
      return {
        role: 'assistant',
        content: blocks.length > 0 ? blocks : [{ type: 'text', text: '' }],
      };
    }
    case 'tool':
      return {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: message.tool_call_id,
            content: textsOf(message.content, `${param}.content`).join(''),
          },
        ],
      };
    default:
      throw new InvalidRequestError(
        `${param}.role "${(message as { role?: unknown }).role}" is not translated to Claude.`,
        { param: `${param}.role`, code: 'invalid_value' },
      );
  }
}

function toUserBlocks(
  content: string | ChatCompletionContentPart[],
  param: string,
): string | AnthropicContentBlock[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${param} must be a string or an array of parts.`, {
      param,
      code: 'invalid_type',
    });
  return content.map((part, index): AnthropicContentBlock => {
    const at = `${param}[${index}]`;
    if (part?.type === 'text') return { type: 'text', text: part.text };
    if (part?.type === 'image_url') {
      const url = part.image_url?.url;
      if (typeof url !== 'string')
        throw new InvalidRequestError(`${at}.image_url.url must be a string.`, {
          param: `${at}.image_url.url`,
          code: 'invalid_type',
        });
      if (url.startsWith('data:')) {
        const { mimeType, data } = readDataUrl(url, `${at}.image_url.url`);
        return { type: 'image', source: { type: 'base64', media_type: mimeType, data } };
      }
      return { type: 'image', source: { type: 'url', url } };
    }
    if (
      part?.type === 'file' &&
      typeof part.file?.file_data === 'string' &&
      part.file.file_data.startsWith('data:application/pdf')
    ) {
      const { mimeType, data } = readDataUrl(part.file.file_data, `${at}.file.file_data`);
      return { type: 'document', source: { type: 'base64', media_type: mimeType, data } };
    }
    throw new InvalidRequestError(
      `${at}: content part "${(part as { type?: unknown })?.type}" is not translated to Claude (text, image_url and PDF files are).`,
      { param: at, code: 'unsupported_value' },
    );
  });
}

function readDataUrl(url: string, param: string): { mimeType: string; data: string } {
  const parsed = parseDataUrl(url, param);
  if (parsed === undefined)
    throw new InvalidRequestError(`${param} is not a valid data: URL.`, {
      param,
      code: 'invalid_value',
    });
  return parsed;
}

function textsOf(
  content: string | Array<{ type: string; text?: string }> | null | undefined,
  param: string,
): string[] {
  if (typeof content === 'string') return [content];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${param} must be a string or an array of text parts.`, {
      param,
      code: 'invalid_type',
    });
  return content.map((part, index) => {
    if (part?.type === 'text' && typeof part.text === 'string') return part.text;
    if (part?.type === 'refusal') return String((part as { refusal?: unknown }).refusal ?? '');
    throw new InvalidRequestError(`${param}[${index}] must be a text part.`, {
      param: `${param}[${index}]`,
      code: 'invalid_type',
    });
  });
}

function parseArguments(text: unknown, param: string): unknown {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // answered below
  }
  throw new InvalidRequestError(`${param} must be a JSON object (Claude's tool_use input).`, {
    param,
    code: 'invalid_value',
  });
}

function toAnthropicTool(
  tool: NonNullable<ChatCompletionRequest['tools']>[number],
  index: number,
): AnthropicTool {
  if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') {
    throw new InvalidRequestError(`tools[${index}] must be a function tool with a name.`, {
      param: `tools[${index}]`,
      code: 'invalid_value',
    });
  }
  const schema = tool.function.parameters ?? { type: 'object', properties: {} };
  return {
    name: tool.function.name,
    ...(tool.function.description ? { description: tool.function.description } : {}),
    input_schema: schema,
  };
}

function toAnthropicToolChoice(
  choice: ChatCompletionRequest['tool_choice'],
  parallel: boolean | undefined,
): AnthropicToolChoice | undefined {
  const noParallel = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...noParallel } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...noParallel };
  if (choice === 'required') return { type: 'any', ...noParallel };
  if (typeof choice === 'object' && typeof choice?.function?.name === 'string')
    return { type: 'tool', name: choice.function.name, ...noParallel };
  throw new InvalidRequestError(
    'tool_choice must be "none", "auto", "required" or a named function.',
    { param: 'tool_choice', code: 'invalid_value' },
  );
}

/** Appends a turn, merging it into the previous one of the same role (Claude wants tool results together). */
function push(messages: AnthropicMessageParam[], message: AnthropicMessageParam): void {
  const last = messages.at(-1);
  if (last === undefined || last.role !== message.role) {
    messages.push(message);
    return;
  }
  last.content = [...asBlocks(last.content), ...asBlocks(message.content)];
}

function asBlocks(content: string | AnthropicContentBlock[]): AnthropicContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}
