import type {
  ChatCompletionContentPart,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { MessagesContentBlock, MessagesRequest } from './messages-types.js';

/**
 * An Anthropic Messages request → the chat completions pivot (README "Anthropic Messages API"):
 * `system` (and `role: "system"` turns) → system messages; each user turn's `tool_result` blocks → `tool` messages (before the turn's
 * other content, as Claude orders them); `tool_use` → tool calls with the id unchanged (a Gemini thought
 * signature rides inside it); `thinking` text → `reasoning_content`; `thinking.budget_tokens` →
 * `reasoning_effort`. Server tools (no `input_schema`: web search, code execution) are left out.
 */
export function convertMessagesRequestToChat(body: MessagesRequest): ChatCompletionRequest {
  if (!Array.isArray(body.messages)) throw invalid("'messages' must be an array.", 'messages');
  if (
    body.max_tokens !== undefined &&
    (typeof body.max_tokens !== 'number' ||
      !Number.isInteger(body.max_tokens) ||
      body.max_tokens < 1)
  ) {
    throw invalid("'max_tokens' must be a positive integer.", 'max_tokens');
  }
  const messages: ChatCompletionMessageParam[] = [];
  const system = textOf(body.system, 'system');
  if (system !== undefined && system.length > 0) messages.push({ role: 'system', content: system });
  body.messages.forEach((message, index) => {
    messages.push(...convertTurn(message, `messages.${index}`));
  });

  const chat: ChatCompletionRequest = { model: body.model, messages };
  if (typeof body.max_tokens === 'number') chat.max_completion_tokens = body.max_tokens;
  const tools = convertTools(body.tools);
  if (tools.length > 0) chat.tools = tools;
  const choice = body.tool_choice;
  if (choice !== undefined && choice !== null) {
    if (typeof choice !== 'object')
      throw invalid("'tool_choice' must be an object.", 'tool_choice');
    if (choice.type === 'none') chat.tool_choice = 'none';
    else if (tools.length > 0) {
      if (choice.type === 'auto') chat.tool_choice = 'auto';
      else if (choice.type === 'any') chat.tool_choice = 'required';
      else if (choice.type === 'tool' && typeof choice.name === 'string')
        chat.tool_choice = { type: 'function', function: { name: choice.name } };
      else
        throw invalid(
          "'tool_choice.type' must be auto, any, tool (with a name) or none.",
          'tool_choice.type',
        );
      if (choice.disable_parallel_tool_use === true) chat.parallel_tool_calls = false;
    }
  }
  if (body.stop_sequences !== undefined) {
    if (
      !Array.isArray(body.stop_sequences) ||
      body.stop_sequences.some((stop) => typeof stop !== 'string')
    )
      throw invalid("'stop_sequences' must be an array of strings.", 'stop_sequences');
    if (body.stop_sequences.length > 0) chat.stop = body.stop_sequences;
  }
  if (typeof body.temperature === 'number') chat.temperature = body.temperature;
  if (typeof body.top_p === 'number') chat.top_p = body.top_p;
  if (typeof body.metadata?.user_id === 'string') chat.user = body.metadata.user_id;
  const effort = reasoningEffortOf(body.thinking);
  if (effort !== undefined) chat.reasoning_effort = effort;
  if (body.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  return chat;
}

/** Claude's thinking budget → the pivot's effort (the inverse of provider-anthropic's budgets, rounded up). */
function reasoningEffortOf(
  thinking: MessagesRequest['thinking'],
): ChatCompletionRequest['reasoning_effort'] | undefined {
  if (thinking === undefined || thinking === null) return undefined;
  if (typeof thinking !== 'object') throw invalid("'thinking' must be an object.", 'thinking');
  if (thinking.type === 'disabled') return 'none';
  if (thinking.type === 'adaptive') return 'medium';
  if (thinking.type !== 'enabled')
    throw invalid("'thinking.type' must be enabled, disabled or adaptive.", 'thinking.type');
  const budget = thinking.budget_tokens;
  if (typeof budget !== 'number' || budget < 1)
    throw invalid("'thinking.budget_tokens' must be a positive number.", 'thinking.budget_tokens');
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

function convertTurn(
  message: { role?: string; content?: string | MessagesContentBlock[] },
  param: string,
): ChatCompletionMessageParam[] {
  if (message === null || typeof message !== 'object')
    throw invalid(`${param} must be an object.`, param);
  // A system message inside `messages` (the API's SystemMessageParam; Claude Code sends its environment
  // this way for some models) stays a system message in place; Gemini hoists it into systemInstruction.
  if (message.role === 'system') {
    const text = textOf(message.content, `${param}.content`) ?? '';
    return text.length > 0 ? [{ role: 'system', content: text }] : [];
  }
  const blocks = blocksOf(message.content, `${param}.content`);
  if (message.role === 'user') return convertUserTurn(blocks, param);
  if (message.role === 'assistant') return [convertAssistantTurn(blocks, param)];
  throw invalid(`${param}.role must be "user", "assistant" or "system".`, `${param}.role`);
}

function convertUserTurn(
  blocks: MessagesContentBlock[],
  param: string,
): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}.content.${index}`;
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: stringField(block.text, `${at}.text`) });
        break;
      case 'image':
        parts.push({ type: 'image_url', image_url: { url: sourceUrl(block, at) } });
        break;
      case 'document':
        parts.push({ type: 'file', file: { file_data: sourceUrl(block, at) } });
        break;
      case 'tool_result': {
        if (typeof block.tool_use_id !== 'string' || block.tool_use_id.length === 0)
          throw invalid(`${at}.tool_use_id must be a string.`, `${at}.tool_use_id`);
        const text = textOf(block.content, `${at}.content`) ?? '';
        out.push({
          role: 'tool',
          tool_call_id: block.tool_use_id,
          content: block.is_error === true ? `Error: ${text}` : text,
        });
        break;
      }
      default:
        // search_result, server-tool results and future blocks have no chat equivalent.
        break;
    }
  });
  if (parts.length > 0)
    out.push({
      role: 'user',
      content: parts.length === 1 && parts[0]?.type === 'text' ? parts[0].text : parts,
    });
  return out;
}

function convertAssistantTurn(
  blocks: MessagesContentBlock[],
  param: string,
): ChatCompletionMessageParam {
  let text = '';
  let reasoning = '';
  const toolCalls: NonNullable<
    Extract<ChatCompletionMessageParam, { role: 'assistant' }>['tool_calls']
  > = [];
  blocks.forEach((block, index) => {
    const at = `${param}.content.${index}`;
    if (block.type === 'text') text += stringField(block.text, `${at}.text`);
    else if (block.type === 'thinking')
      reasoning += typeof block.thinking === 'string' ? block.thinking : '';
    else if (block.type === 'tool_use') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string')
        throw invalid(`${at} needs a string id and name.`, at);
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  });
  return {
    role: 'assistant',
    content: text.length > 0 ? text : null,
    ...(reasoning.length > 0 ? { reasoning_content: reasoning } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

function convertTools(tools: MessagesRequest['tools']): ChatCompletionFunctionTool[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw invalid("'tools' must be an array.", 'tools');
  const out: ChatCompletionFunctionTool[] = [];
  tools.forEach((tool, index) => {
    if (tool === null || typeof tool !== 'object')
      throw invalid(`tools.${index} must be an object.`, `tools.${index}`);
    // Server tools (`web_search_20250305`, `bash_20250124`…) have a dated type and no schema: nothing to call here.
    if (tool.input_schema === undefined && tool.type !== undefined && tool.type !== 'custom')
      return;
    if (typeof tool.name !== 'string' || tool.name.length === 0)
      throw invalid(`tools.${index}.name must be a string.`, `tools.${index}.name`);
    out.push({
      type: 'function',
      function: {
        name: tool.name,
        ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: 'object', properties: {} },
      },
    });
  });
  return out;
}

function sourceUrl(block: MessagesContentBlock, at: string): string {
  const source = block.source;
  if (
    source?.type === 'base64' &&
    typeof source.data === 'string' &&
    typeof source.media_type === 'string'
  )
    return `data:${source.media_type};base64,${source.data}`;
  if (source?.type === 'url' && typeof source.url === 'string') return source.url;
  throw invalid(`${at}.source must be a base64 or url source.`, `${at}.source`);
}

function blocksOf(content: unknown, param: string): MessagesContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content))
    throw invalid(`${param} must be a string or an array of content blocks.`, param);
  content.forEach((block, index) => {
    if (
      block === null ||
      typeof block !== 'object' ||
      typeof (block as { type?: unknown }).type !== 'string'
    )
      throw invalid(`${param}.${index} must be a content block.`, `${param}.${index}`);
  });
  return content as MessagesContentBlock[];
}

function textOf(content: unknown, param: string): string | undefined {
  if (content === undefined || content === null) return undefined;
  if (typeof content === 'string') return content;
  return blocksOf(content, param)
    .filter((block) => block.type === 'text')
    .map((block, index) => stringField(block.text, `${param}.${index}.text`))
    .join('\n');
}

function stringField(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalid(`${param} must be a string.`, param);
  return value;
}

function invalid(message: string, param: string): InvalidRequestError {
  return new InvalidRequestError(message, { param, code: 'invalid_value' });
}
