import { createResponseId } from '@multi-ai-proxy/core/inbound';

type Item = Record<string, unknown>;

const ID_PREFIX: Record<string, Parameters<typeof createResponseId>[0]> = {
  function_call: 'fc',
  function_call_output: 'fco',
  custom_tool_call: 'ctc',
  custom_tool_call_output: 'ctco',
  reasoning: 'rs',
};

/**
 * A request's `input` as the store keeps it and `input_items` lists it: an item list, each item
 * with a `type` and an `id` (the client's, else a new one), a message's string content as one text
 * part. Run after the translation accepted the input, so every entry is an object.
 */
export function toStoredInputItems(input: unknown): Item[] {
  const items = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Item[]);
  return items.map((value) => {
    const item = value as Item;
    const type = typeof item.type === 'string' ? item.type : 'message';
    const id = typeof item.id === 'string' ? item.id : createResponseId(ID_PREFIX[type] ?? 'msg');
    if (type !== 'message' || typeof item.content !== 'string') return { ...item, id, type };
    const part =
      item.role === 'assistant'
        ? { type: 'output_text', text: item.content, annotations: [] }
        : { type: 'input_text', text: item.content };
    return { ...item, id, type, content: [part] };
  });
}
