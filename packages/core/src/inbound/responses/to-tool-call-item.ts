import type { ResponseCustomToolCall, ResponseFunctionCall } from '../../openai/index.js';
import { createResponseId } from './create-response-id.js';
import type { ResponsesToolNames } from './responses-tool-names.js';

/**
 * A chat tool call as a Responses output item. `call_id` is the provider's tool call id unchanged:
 * for Gemini it carries the thought signature, and clients echo `call_id` on the next turn.
 * Freeform tools become `custom_tool_call` with the raw `input`; namespaced ones get their namespace back.
 */
export function toToolCallItem(
  call: { id: string; name: string; arguments: string },
  tools: ResponsesToolNames,
  status: 'in_progress' | 'completed',
): ResponseFunctionCall | ResponseCustomToolCall {
  if (tools.custom.has(call.name)) {
    return {
      id: createResponseId('ctc'),
      type: 'custom_tool_call',
      status,
      call_id: call.id,
      name: call.name,
      input: status === 'completed' ? customInput(call.arguments) : '',
    };
  }
  const namespaced = tools.namespaced.get(call.name);
  const item: ResponseFunctionCall = {
    id: createResponseId('fc'),
    type: 'function_call',
    status,
    call_id: call.id,
    name: namespaced?.name ?? call.name,
    arguments: status === 'completed' ? call.arguments : '',
  };
  return namespaced === undefined
    ? item
    : ({ ...item, namespace: namespaced.namespace } as ResponseFunctionCall);
}

/** The `input` string of a freeform call (the one argument the gateway declared), or the raw arguments. */
export function customInput(args: string): string {
  try {
    const parsed = JSON.parse(args) as { input?: unknown };
    if (typeof parsed?.input === 'string') return parsed.input;
  } catch {
    // Not JSON: the model wrote the raw input itself.
  }
  return args;
}
