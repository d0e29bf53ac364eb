import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
  ChatCompletionResponseFormat,
  ChatCompletionToolChoice,
  ResponseCreateRequest,
  ResponseInputContent,
  ResponseInputItem,
  ResponseOutputText,
  ResponseRefusal,
  ResponseTextFormat,
  ResponseToolChoice,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';

// Chat fields the Responses API has under the same name and meaning.
const SAME_NAME = [
  'temperature',
  'top_p',
  'user',
  'metadata',
  'parallel_tool_calls',
  'service_tier',
  'prompt_cache_key',
  'safety_identifier',
  'truncation',
] as const;

/**
 * A chat completion request → the `POST /openai/v1/responses` body for a Responses-only Azure
 * deployment. Stateless: the whole conversation goes in `input` and `store` is false unless the
 * client asked to store. Messages keep their order and roles (`system`/`developer` stay input
 * messages, which the model reads as instructions); assistant tool calls become `function_call`
 * items and tool messages `function_call_output` items, linked by the chat tool call id. Chat-only
 * sampling fields (`stop`, `seed`, penalties, `logit_bias`, `logprobs`) have no Responses slot and
 * are not sent (README "Responses-only models"); `n` above 1 is refused.
 */
export function convertChatToAzureResponsesRequest(
  request: ChatCompletionRequest,
  deployment: string,
): ResponseCreateRequest {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new InvalidRequestError(
      'n > 1 is not supported for this model: it is served by the Responses API, which returns one answer per call.',
      { param: 'n' },
    );
  }
  if (!Array.isArray(request.messages))
    throw new InvalidRequestError('messages must be an array.', { param: 'messages' });
  const body: ResponseCreateRequest = {
    model: deployment,
    input: request.messages.flatMap((message, index) => convertMessage(message, index)),
  };
  const copied: Record<string, unknown> = body;
  for (const key of SAME_NAME) {
    if (request[key] !== undefined && request[key] !== null) copied[key] = request[key];
  }
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') body.max_output_tokens = maxTokens;
  if (request.stream === true) body.stream = true;
  body.store = request.store === true;
  if (Array.isArray(request.tools) && request.tools.length > 0) {
    body.tools = request.tools.map((tool, index) => {
      if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') {
        throw new InvalidRequestError(
          'Only function tools can be sent to a Responses-only model.',
          { param: `tools[${index}]` },
        );
      }
      const { name, description, parameters, strict } = tool.function;
      return {
        type: 'function',
        name,
        ...(description !== undefined ? { description } : {}),
        ...(parameters !== undefined ? { parameters } : {}),
        ...(strict !== undefined ? { strict } : {}),
      };
    });
  }
  if (request.tool_choice !== undefined) body.tool_choice = convertToolChoice(request.tool_choice);
  const format =
    request.response_format === undefined
      ? undefined
      : convertResponseFormat(request.response_format);
  const verbosity = typeof request.verbosity === 'string' ? request.verbosity : undefined;
  if (format !== undefined || verbosity !== undefined)
    body.text = { ...(format ? { format } : {}), ...(verbosity ? { verbosity } : {}) };
  if (typeof request.reasoning_effort === 'string')
    body.reasoning = { effort: request.reasoning_effort };
  return body;
}

function convertMessage(message: ChatCompletionMessageParam, index: number): ResponseInputItem[] {
  const param = `messages[${index}]`;
  switch (message?.role) {
    case 'system':
    case 'developer':
    case 'user':
      return [
        {
          type: 'message',
          role: message.role,
          content: convertInputContent(message.content, `${param}.content`),
        },
      ];
    case 'assistant': {
      const items: ResponseInputItem[] = [];
      const parts =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : (message.content ?? []);
      const content: Array<ResponseOutputText | ResponseRefusal> = [];
      for (const part of parts) {
        if (part.type === 'text' && part.text !== '')
          content.push({ type: 'output_text', text: part.text, annotations: [], logprobs: [] });
        else if (part.type === 'refusal') content.push({ type: 'refusal', refusal: part.refusal });
      }
      if (typeof message.refusal === 'string' && message.refusal !== '')
        content.push({ type: 'refusal', refusal: message.refusal });
      if (content.length > 0) items.push({ type: 'message', role: 'assistant', content });
      for (const call of message.tool_calls ?? []) {
        items.push({
          type: 'function_call',
          call_id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        });
      }
      return items;
    }
    case 'tool':
      return [
        {
          type: 'function_call_output',
          call_id: message.tool_call_id,
          output: textOf(message.content),
        },
      ];
    case 'function':
      throw new InvalidRequestError(
        'Messages with role "function" (the deprecated function calling) are not supported for this model: use tools and role "tool".',
        { param: `${param}.role` },
      );
    default:
      throw new InvalidRequestError(`Unknown message role at ${param}.`, {
        param: `${param}.role`,
      });
  }
}

function convertInputContent(
  content: string | ChatCompletionContentPart[],
  param: string,
): string | ResponseInputContent[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${param} must be a string or an array of content parts.`, {
      param,
    });
  return content.map((part, index): ResponseInputContent => {
    switch (part?.type) {
      case 'text':
        return { type: 'input_text', text: part.text };
      case 'image_url':
        return {
          type: 'input_image',
          image_url: part.image_url?.url,
          detail: part.image_url?.detail ?? 'auto',
        };
      case 'input_audio':
        return { type: 'input_audio', input_audio: part.input_audio };
      case 'file':
        return { type: 'input_file', ...part.file };
      default:
        throw new InvalidRequestError(
          `Content part type "${String(part?.type)}" is not supported for this model.`,
          { param: `${param}[${index}].type` },
        );
    }
  });
}

function textOf(
  content: string | Array<{ type: string; text?: string }> | null | undefined,
): string {
  if (typeof content === 'string') return content;
  return (content ?? [])
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function convertToolChoice(choice: ChatCompletionToolChoice): ResponseToolChoice {
  if (typeof choice === 'string') return choice;
  if (choice?.type === 'function' && typeof choice.function?.name === 'string')
    return { type: 'function', name: choice.function.name };
  throw new InvalidRequestError(
    'tool_choice must be "none", "auto", "required" or a function choice.',
    { param: 'tool_choice' },
  );
}

function convertResponseFormat(format: ChatCompletionResponseFormat): ResponseTextFormat {
  if (format?.type === 'text' || format?.type === 'json_object') return { type: format.type };
  if (format?.type === 'json_schema' && typeof format.json_schema?.name === 'string') {
    const { name, description, schema, strict } = format.json_schema;
    return {
      type: 'json_schema',
      name,
      ...(description !== undefined ? { description } : {}),
      ...(schema !== undefined ? { schema } : {}),
      ...(strict !== undefined ? { strict } : {}),
    };
  }
  throw new InvalidRequestError(
    'response_format must be text, json_object or json_schema with a name.',
    { param: 'response_format' },
  );
}
