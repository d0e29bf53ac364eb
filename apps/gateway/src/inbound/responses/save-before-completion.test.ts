import type { ResponseObject, ResponseStreamEvent } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { saveBeforeCompletion } from './save-before-completion.js';

const response = (store: boolean) =>
  ({ id: 'resp_1', object: 'response', status: 'completed', store }) as unknown as ResponseObject;

async function* events(store: boolean): AsyncGenerator<ResponseStreamEvent> {
  yield { type: 'response.created', sequence_number: 0, response: response(store) };
  yield { type: 'response.output_text.delta', sequence_number: 1, delta: 'Hi' };
  yield { type: 'response.completed', sequence_number: 2, response: response(store) };
}

async function run(store: boolean, saved: boolean) {
  const log: string[] = [];
  const passed: ResponseStreamEvent[] = [];
  for await (const event of saveBeforeCompletion(events(store), async () => {
    log.push('save');
    return saved;
  })) {
    log.push(event.type);
    passed.push(event);
  }
  return { log, passed };
}

describe('saveBeforeCompletion', () => {
  it('stores the final response before response.completed is passed on', async () => {
    const { log, passed } = await run(true, true);
    expect(log).toEqual([
      'response.created',
      'response.output_text.delta',
      'save',
      'response.completed',
    ]);
    expect(passed.at(-1)?.response).toMatchObject({ store: true });
  });

  it('says store: false on the final event when the store did not keep it', async () => {
    const { passed } = await run(true, false);
    expect(passed.at(-1)?.response).toMatchObject({ store: false });
    expect(passed.at(-1)?.sequence_number).toBe(2);
  });

  it('does not save a response the client asked not to store', async () => {
    const { log } = await run(false, true);
    expect(log).not.toContain('save');
  });
});
