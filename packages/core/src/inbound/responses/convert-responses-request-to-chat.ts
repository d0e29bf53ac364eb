import type {
  ChatCompletionContentPart,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionRequest,
  ChatCompletionResponseFormat,
  ChatCompletionToolChoice,
} from '../../openai/index.js';
import { InvalidRequestError } from '../../errors/index.js';
import { decodeReasoningContent } from './reasoning-content-codec.js';
import { type ResponsesToolNames, toolNameOf } from './responses-tool-names.js';

/** A Responses request as chat completions, plus what the answer's encoder must echo or undo. */
export interface ResponsesTranslation {
  chat: ChatCompletionRequest;
  /** Request fields a Response object repeats (`instructions`, `tools`, `text`, `reasoning`, …). */
  echo: Record<string, unknown>;
  tools: ResponsesToolNames;
  /** `include` names `reasoning.encrypted_content`: reasoning items carry it, for stateless continuity. */
  includeEncryptedReasoning: boolean;
}

/** What the response store adds to a request (`previous_response_id`); without it the translation is stateless. */
export interface ResponsesConversionOptions {
  /** The items of the conversation `previous_response_id` names (its input, then its output), replayed before `input`. */
  history?: readonly Item[];
  /** The response will be stored: echoed as `store: true`. */
  store?: boolean;
}

type Item = Record<string, unknown>;
type AssistantMessage = Extract<ChatCompletionMessageParam, { role: 'assistant' }>;

// Tools the upstream would have to run itself; a chat-completions provider has no way to.
const HOSTED_TOOLS = new Set([
  'file_search',
  'code_interpreter',
  'computer_use',
  'computer_use_preview',
  'image_generation',
  'mcp',
  'local_shell',
  'tool_search',
]);
// Offered by default by Codex and others as an optional extra: the model answers without it (the chat
// pivot has no grounding slot yet); forcing it with `tool_choice` is still a 400.
const OPTIONAL_HOSTED_TOOLS = new Set([
  'web_search',
  'web_search_preview',
  'web_search_2025_08_26',
  'web_search_preview_2025_03_11',
]);

/**
 * `POST /v1/responses` → a chat completions request for a provider that speaks only chat completions.
 * The full `input` is translated every time, after the `history` the response store found for
 * `previous_response_id`; without a store, anything that needs stored responses
 * (`previous_response_id`, `item_reference`, `conversation`, `background`) is a 400 naming the field.
 */
export function convertResponsesRequestToChat(
  body: Record<string, unknown>,
  options: ResponsesConversionOptions = {},
): ResponsesTranslation {
  const stored = options.history !== undefined;
  for (const field of ['previous_response_id', 'conversation', 'prompt'] as const) {
    if (field === 'previous_response_id' && stored) continue;
    if (body[field] !== undefined && body[field] !== null) {
      throw new InvalidRequestError(
        `'${field}' needs stored responses, which this gateway does not keep for ${String(body.model)}: send the whole conversation in 'input'.`,
        {
          param: field,
          code: 'unsupported_parameter',
        },
      );
    }
  }
  if (body.background === true)
    throw new InvalidRequestError(
      "'background' responses need a response store, which this gateway does not keep.",
      { param: 'background', code: 'unsupported_parameter' },
    );

  const tools = convertTools(body.tools);
  const messages: ChatCompletionMessageParam[] = [];
  if (body.instructions !== undefined && body.instructions !== null) {
    if (typeof body.instructions !== 'string')
      throw new InvalidRequestError("'instructions' must be a string.", {
        param: 'instructions',
        code: 'invalid_type',
      });
    if (body.instructions.length > 0) messages.push({ role: 'system', content: body.instructions });
  }
  appendInput(messages, body.input, options.history ?? []);
  if (!messages.some((message) => message.role !== 'system' && message.role !== 'developer')) {
    throw new InvalidRequestError("'input' must contain at least one message.", {
      param: 'input',
      code: 'invalid_value',
    });
  }

  const chat: ChatCompletionRequest = { model: String(body.model), messages };
  if (tools.chat.length > 0) chat.tools = tools.chat;
  const toolChoice = convertToolChoice(body.tool_choice);
  if (toolChoice !== undefined) chat.tool_choice = toolChoice;
  if (typeof body.parallel_tool_calls === 'boolean' && tools.chat.length > 0)
    chat.parallel_tool_calls = body.parallel_tool_calls;
  copyNumber(body, 'temperature', chat, 'temperature');
  copyNumber(body, 'top_p', chat, 'top_p');
  copyNumber(body, 'max_output_tokens', chat, 'max_completion_tokens');
  const user =
    typeof body.user === 'string'
      ? body.user
      : typeof body.safety_identifier === 'string'
        ? body.safety_identifier
        : undefined;
  if (user !== undefined) chat.user = user;
  const reasoning = asObject(body.reasoning, 'reasoning');
  if (reasoning?.effort !== undefined && reasoning.effort !== null)
    chat.reasoning_effort = reasoning.effort as ChatCompletionRequest['reasoning_effort'];
  const text = asObject(body.text, 'text');
  const format = convertTextFormat(text?.format);
  if (format !== undefined) chat.response_format = format;
  if (body.stream === true) {
    chat.stream = true;
    // The encoder needs the usage for `response.completed` (Codex requires it).
    chat.stream_options = { include_usage: true };
  }

  const include = Array.isArray(body.include) ? body.include : [];
  return {
    chat,
    tools: tools.names,
    includeEncryptedReasoning: include.includes('reasoning.encrypted_content'),
    echo: {
      instructions: body.instructions ?? null,
      max_output_tokens: body.max_output_tokens ?? null,
      max_tool_calls: body.max_tool_calls ?? null,
      parallel_tool_calls: body.parallel_tool_calls ?? true,
      previous_response_id: stored ? (body.previous_response_id ?? null) : null,
      prompt_cache_key: body.prompt_cache_key ?? null,
      prompt_cache_retention: body.prompt_cache_retention ?? null,
      reasoning: { effort: reasoning?.effort ?? null, summary: reasoning?.summary ?? null },
      safety_identifier: body.safety_identifier ?? null,
      service_tier: 'default',
      // Unless the store keeps it, saying false tells the client to resend the history.
      store: options.store === true,
      temperature: body.temperature ?? 1,
      text: {
        format: text?.format ?? { type: 'text' },
        ...(text?.verbosity !== undefined ? { verbosity: text.verbosity } : {}),
      },
      tool_choice: body.tool_choice ?? 'auto',
      tools: Array.isArray(body.tools) ? body.tools : [],
      top_logprobs: body.top_logprobs ?? 0,
      top_p: body.top_p ?? 1,
      truncation: body.truncation ?? 'disabled',
      user: body.user ?? null,
      metadata: body.metadata ?? {},
    },
  };
}

function appendInput(
  messages: ChatCompletionMessageParam[],
  input: unknown,
  history: readonly Item[],
): void {
  if (typeof input === 'string') input = [{ type: 'message', role: 'user', content: input }];
  if (!Array.isArray(input))
    throw new InvalidRequestError("'input' must be a string or an array of items.", {
      param: 'input',
      code: 'invalid_type',
    });
  // Stored items were checked when they were first sent; a problem in one names the stored response.
  const items = [
    ...history.map((value) => ({ value: value as unknown, param: 'previous_response_id' })),
    ...input.map((value, index) => ({ value: value as unknown, param: `input[${index}]` })),
  ];
  let assistant: AssistantMessage | undefined;
  let reasoning = '';
  const openAssistant = (): AssistantMessage => {
    if (assistant === undefined) {
      assistant = { role: 'assistant', content: null };
      if (reasoning.length > 0) assistant.reasoning_content = reasoning;
      reasoning = '';
      messages.push(assistant);
    }
    return assistant;
  };
  for (const { value, param } of items) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new InvalidRequestError('Each input item must be an object.', {
        param,
        code: 'invalid_type',
      });
    const item = value as Item;
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const role = item.role;
        if (role === 'assistant') {
          const text = assistantText(item.content, `${param}.content`);
          // A message after tool calls starts a new assistant turn; text before them joins theirs.
          if (assistant?.tool_calls !== undefined) assistant = undefined;
          const message = openAssistant();
          message.content = typeof message.content === 'string' ? message.content + text : text;
          break;
        }
        assistant = undefined;
        if (role === 'system' || role === 'developer')
          messages.push({ role, content: plainText(item.content, `${param}.content`) });
        else if (role === 'user')
          messages.push({ role: 'user', content: userContent(item.content, `${param}.content`) });
        else
          throw new InvalidRequestError(`Unknown message role "${String(role)}".`, {
            param: `${param}.role`,
            code: 'invalid_value',
          });
        break;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const callId = requireString(item.call_id, `${param}.call_id`);
        const name = requireString(item.name, `${param}.name`);
        const chatName = toolNameOf(
          name,
          typeof item.namespace === 'string' ? item.namespace : undefined,
        );
        const args =
          type === 'function_call'
            ? requireString(item.arguments, `${param}.arguments`)
            : JSON.stringify({ input: requireString(item.input, `${param}.input`) });
        const message = openAssistant();
        const call: ChatCompletionMessageToolCall = {
          id: callId,
          type: 'function',
          function: { name: chatName, arguments: args },
        };
        message.tool_calls = [...(message.tool_calls ?? []), call];
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        assistant = undefined;
        messages.push({
          role: 'tool',
          tool_call_id: requireString(item.call_id, `${param}.call_id`),
          content: toolOutput(item.output, `${param}.output`),
        });
        break;
      }
      case 'reasoning': {
        // Thinking text is kept with the assistant turn it led to (the pivot's `reasoning_content`).
        assistant = undefined;
        const decoded =
          typeof item.encrypted_content === 'string'
            ? decodeReasoningContent(item.encrypted_content)
            : undefined;
        const summary = Array.isArray(item.summary)
          ? item.summary
              .map((part) => (typeof (part as Item)?.text === 'string' ? (part as Item).text : ''))
              .join('')
          : '';
        reasoning += decoded ?? summary;
        break;
      }
      case 'item_reference':
        throw new InvalidRequestError(
          "'item_reference' input items need stored responses, which this gateway does not keep: send the items themselves.",
          {
            param: `${param}.type`,
            code: 'unsupported_parameter',
          },
        );
      default:
        throw new InvalidRequestError(
          `Input items of type "${String(type)}" cannot be translated for this model.`,
          { param: `${param}.type`, code: 'invalid_value' },
        );
    }
  }
}

function userContent(content: unknown, param: string): string | ChatCompletionContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError('Message content must be a string or an array of parts.', {
      param,
      code: 'invalid_type',
    });
  return content.map((value, index): ChatCompletionContentPart => {
    const part = (value ?? {}) as Item;
    const at = `${param}[${index}]`;
    switch (part.type) {
      case 'input_text':
      case 'output_text':
        return { type: 'text', text: requireString(part.text, `${at}.text`) };
      case 'input_image': {
        if (typeof part.image_url !== 'string')
          throw new InvalidRequestError(
            'input_image needs an image_url (a data: or https: URL); file ids are not supported here.',
            { param: `${at}.image_url` },
          );
        const detail = part.detail === 'low' || part.detail === 'high' ? part.detail : 'auto';
        return { type: 'image_url', image_url: { url: part.image_url, detail } };
      }
      case 'input_file': {
        if (typeof part.file_data !== 'string')
          throw new InvalidRequestError(
            'input_file needs file_data (a data: URL); file ids and file URLs are not supported here.',
            { param: `${at}.file_data` },
          );
        return {
          type: 'file',
          file: {
            file_data: part.file_data,
            ...(typeof part.filename === 'string' ? { filename: part.filename } : {}),
          },
        };
      }
      case 'input_audio': {
        const audio = (part.input_audio ?? {}) as Item;
        return {
          type: 'input_audio',
          input_audio: {
            data: requireString(audio.data, `${at}.input_audio.data`),
            format: requireString(audio.format, `${at}.input_audio.format`),
          },
        };
      }
      default:
        throw new InvalidRequestError(
          `Content parts of type "${String(part.type)}" cannot be translated for this model.`,
          { param: `${at}.type`, code: 'invalid_value' },
        );
    }
  });
}

const CONTENT_SHAPE = 'Message content must be a string or an array of parts.';

/** A string as is, or an array of parts each read by `read` (given its own param path) and joined. */
function joinParts(
  content: unknown,
  param: string,
  shapeMessage: string,
  read: (part: Item, at: string) => string,
  separator: string,
): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError(shapeMessage, { param, code: 'invalid_type' });
  return content
    .map((value, index) => read((value ?? {}) as Item, `${param}[${index}]`))
    .join(separator);
}

function assistantText(content: unknown, param: string): string {
  return joinParts(
    content,
    param,
    CONTENT_SHAPE,
    (part) =>
      part.type === 'refusal'
        ? typeof part.refusal === 'string'
          ? part.refusal
          : ''
        : typeof part.text === 'string'
          ? part.text
          : '',
    '',
  );
}

function plainText(content: unknown, param: string): string {
  return joinParts(
    content,
    param,
    CONTENT_SHAPE,
    (part, at) => requireString(part.text, `${at}.text`),
    '\n',
  );
}

function toolOutput(output: unknown, param: string): string {
  return joinParts(
    output,
    param,
    'A tool output must be a string or an array of parts.',
    (part, at) => {
      if (part.type !== 'input_text' && part.type !== 'output_text') {
        throw new InvalidRequestError(
          `Tool outputs of type "${String(part.type)}" cannot be translated for this model; send text.`,
          { param: `${at}.type`, code: 'invalid_value' },
        );
      }
      return requireString(part.text, `${at}.text`);
    },
    '',
  );
}

/** Responses tools (flat) → chat tools (nested under `function`); Codex's freeform and namespaced tools become functions. */
function convertTools(value: unknown): {
  chat: ChatCompletionFunctionTool[];
  names: ResponsesToolNames;
} {
  const names: ResponsesToolNames = { custom: new Set(), namespaced: new Map() };
  const chat: ChatCompletionFunctionTool[] = [];
  if (value === undefined || value === null) return { chat, names };
  if (!Array.isArray(value))
    throw new InvalidRequestError("'tools' must be an array.", {
      param: 'tools',
      code: 'invalid_type',
    });
  const add = (tool: Item, param: string, namespace?: string) => {
    const name = requireString(tool.name, `${param}.name`);
    const description = typeof tool.description === 'string' ? tool.description : undefined;
    if (tool.type === 'function') {
      const chatName = toolNameOf(name, namespace);
      if (namespace !== undefined) names.namespaced.set(chatName, { namespace, name });
      const parameters =
        tool.parameters !== undefined && tool.parameters !== null
          ? (tool.parameters as Record<string, unknown>)
          : { type: 'object', properties: {} };
      chat.push({
        type: 'function',
        function: {
          name: chatName,
          ...(description ? { description } : {}),
          parameters,
          ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
        },
      });
    } else {
      // A freeform tool takes raw text: one string argument carries it, and the answer unwraps it again.
      names.custom.add(name);
      chat.push({
        type: 'function',
        function: {
          name,
          ...(description ? { description } : {}),
          parameters: {
            type: 'object',
            properties: { input: { type: 'string', description: 'The raw input for the tool.' } },
            required: ['input'],
          },
        },
      });
    }
  };
  for (const [index, entry] of value.entries()) {
    const param = `tools[${index}]`;
    const tool = (entry ?? {}) as Item;
    if (tool.type === 'function' || tool.type === 'custom') add(tool, param);
    else if (typeof tool.type === 'string' && OPTIONAL_HOSTED_TOOLS.has(tool.type)) continue;
    else if (tool.type === 'namespace' && Array.isArray(tool.tools)) {
      const namespace = requireString(tool.name, `${param}.name`);
      for (const [inner, member] of tool.tools.entries())
        add((member ?? {}) as Item, `${param}.tools[${inner}]`, namespace);
    } else if (typeof tool.type === 'string' && HOSTED_TOOLS.has(tool.type)) {
      throw new InvalidRequestError(
        `The built-in tool "${tool.type}" runs on OpenAI's side; this model's provider cannot run it. Remove it or declare a function tool.`,
        {
          param: `${param}.type`,
          code: 'unsupported_tool',
        },
      );
    } else
      throw new InvalidRequestError(`Tools of type "${String(tool.type)}" are not supported.`, {
        param: `${param}.type`,
        code: 'invalid_value',
      });
  }
  return { chat, names };
}

function convertToolChoice(value: unknown): ChatCompletionToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  const choice = (value ?? {}) as Item;
  if ((choice.type === 'function' || choice.type === 'custom') && typeof choice.name === 'string')
    return { type: 'function', function: { name: toolNameOf(choice.name, undefined) } };
  // `allowed_tools` narrows the set; chat completions cannot, so only its mode is kept.
  if (choice.type === 'allowed_tools') return choice.mode === 'required' ? 'required' : 'auto';
  throw new InvalidRequestError(
    `tool_choice "${String(choice.type ?? value)}" names a built-in tool this model's provider cannot run.`,
    { param: 'tool_choice', code: 'unsupported_tool' },
  );
}

function convertTextFormat(value: unknown): ChatCompletionResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  const format = value as Item;
  if (format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    return {
      type: 'json_schema',
      json_schema: {
        name: typeof format.name === 'string' ? format.name : 'response',
        ...(typeof format.description === 'string' ? { description: format.description } : {}),
        ...(format.schema !== undefined
          ? { schema: format.schema as Record<string, unknown> }
          : {}),
        ...(typeof format.strict === 'boolean' ? { strict: format.strict } : {}),
      },
    };
  }
  throw new InvalidRequestError(`text.format "${String(format.type)}" is not supported.`, {
    param: 'text.format.type',
    code: 'invalid_value',
  });
}

function copyNumber(
  body: Record<string, unknown>,
  from: string,
  chat: ChatCompletionRequest,
  to: keyof ChatCompletionRequest,
): void {
  const value = body[from];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new InvalidRequestError(`'${from}' must be a number.`, {
      param: from,
      code: 'invalid_type',
    });
  (chat as Record<string, unknown>)[to] = value;
}

function asObject(value: unknown, param: string): Item | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InvalidRequestError(`'${param}' must be an object.`, { param, code: 'invalid_type' });
  return value as Item;
}

function requireString(value: unknown, param: string): string {
  if (typeof value !== 'string')
    throw new InvalidRequestError(`'${param}' must be a string.`, { param, code: 'invalid_type' });
  return value;
}
