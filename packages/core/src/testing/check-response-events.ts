import { checkResponseObject } from './check-response-object.js';
import { describeValue, isRecord } from './value-guards.js';

const FINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Problems with a Responses event stream as Codex and the `openai` SDKs read it: every event has
 * `type` and a strictly increasing `sequence_number`; `response.created` and `response.in_progress`
 * open it, exactly one final event closes it; each output item is added before it is done; the text
 * and argument deltas add up to their `.done` values; the final response lists the done items.
 */
export function checkResponseEvents(events: readonly unknown[]): string[] {
  if (events.length === 0) return ['the stream has no events'];
  const problems: string[] = [];
  let previous = -1;
  const added = new Map<number, unknown>();
  const done = new Map<number, unknown>();
  const text = new Map<string, string>();
  const args = new Map<string, string>();
  for (const [index, value] of events.entries()) {
    const where = `event ${index}`;
    if (!isRecord(value) || typeof value.type !== 'string') {
      problems.push(`${where} has no "type" in its data: ${describeValue(value)}`);
      continue;
    }
    const event = value as Record<string, unknown> & { type: string };
    if (typeof event.sequence_number !== 'number' || event.sequence_number <= previous)
      problems.push(
        `${where} (${event.type}) must have a sequence_number above ${previous}, got ${describeValue(event.sequence_number)}`,
      );
    else previous = event.sequence_number;
    if (index === 0 && event.type !== 'response.created')
      problems.push(`the first event must be response.created, got ${event.type}`);
    if (index === 1 && event.type !== 'response.in_progress')
      problems.push(`the second event must be response.in_progress, got ${event.type}`);
    if (FINAL.has(event.type) && index !== events.length - 1)
      problems.push(`${event.type} must be the last event (event ${index} of ${events.length})`);
    const itemId = typeof event.item_id === 'string' ? event.item_id : '';
    const outputIndex = typeof event.output_index === 'number' ? event.output_index : -1;
    switch (event.type) {
      case 'response.output_item.added':
        if (added.has(outputIndex))
          problems.push(`${where}: output_index ${outputIndex} added twice`);
        added.set(outputIndex, event.item);
        break;
      case 'response.output_item.done':
        if (!added.has(outputIndex))
          problems.push(
            `${where}: output_item.done for output_index ${outputIndex} that was never added`,
          );
        done.set(outputIndex, event.item);
        break;
      case 'response.output_text.delta':
        text.set(itemId, (text.get(itemId) ?? '') + String(event.delta ?? ''));
        break;
      case 'response.output_text.done':
        if ((text.get(itemId) ?? '') !== event.text)
          problems.push(`${where}: output_text.done text differs from its deltas`);
        break;
      case 'response.function_call_arguments.delta':
        args.set(itemId, (args.get(itemId) ?? '') + String(event.delta ?? ''));
        break;
      case 'response.function_call_arguments.done':
        // Some clients read only the deltas: they must carry the whole arguments too.
        if ((args.get(itemId) ?? '') !== event.arguments)
          problems.push(`${where}: function_call_arguments.done arguments differ from its deltas`);
        break;
    }
  }
  for (const outputIndex of added.keys())
    if (!done.has(outputIndex))
      problems.push(`output_index ${outputIndex} was added but never done`);
  const last = events.at(-1);
  if (!isRecord(last) || typeof last.type !== 'string' || !FINAL.has(last.type)) {
    problems.push(
      `the stream must end with response.completed, .incomplete or .failed, got ${describeValue(isRecord(last) ? last.type : last)}`,
    );
    return problems;
  }
  problems.push(...checkResponseObject(last.response, `${last.type}.response`));
  const output =
    isRecord(last.response) && Array.isArray(last.response.output) ? last.response.output : [];
  const doneItems = [...done.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, item]) => item);
  if (JSON.stringify(output) !== JSON.stringify(doneItems))
    problems.push(`${last.type}.response.output must list the items of output_item.done, in order`);
  return problems;
}
