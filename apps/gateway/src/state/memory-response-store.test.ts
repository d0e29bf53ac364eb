import { describe, expect, it } from 'vitest';
import { MemoryResponseStore } from './memory-response-store.js';
import type { StoredResponse } from './response-store.js';

function record(id: string, text = 'hello'): StoredResponse {
  return {
    response: {
      id,
      object: 'response',
      created_at: 1,
      status: 'completed',
      completed_at: 2,
      error: null,
      incomplete_details: null,
      output: [
        {
          id: `msg_${id}`,
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
        },
      ],
      usage: null,
    },
    input: [{ id: `in_${id}`, type: 'message', role: 'user', content: 'hi' }],
  };
}

function storeWith(options: Partial<ConstructorParameters<typeof MemoryResponseStore>[0]> = {}) {
  let now = 1_000_000;
  const store = new MemoryResponseStore({
    ttlMs: 60_000,
    maxEntries: 100,
    maxBytes: 1024 * 1024,
    maxResponseBytes: 64 * 1024,
    now: () => now,
    ...options,
  });
  return {
    store,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('MemoryResponseStore', () => {
  it('returns a copy of what was saved, to its owner only', async () => {
    const { store } = storeWith();
    const saved = record('resp_a');
    expect(await store.save('owner-1', saved)).toBe(true);
    saved.input.push({ id: 'later', type: 'message' });
    expect(await store.get('owner-1', 'resp_a')).toEqual(record('resp_a'));
    expect(await store.get('owner-2', 'resp_a')).toBeUndefined();
    expect(await store.delete('owner-2', 'resp_a')).toBe(false);
    expect(await store.get('owner-1', 'resp_a')).toBeDefined();
  });

  it('forgets a record after the TTL and after delete', async () => {
    const { store, advance } = storeWith();
    await store.save('o', record('resp_a'));
    await store.save('o', record('resp_b'));
    advance(59_999);
    expect(await store.get('o', 'resp_a')).toBeDefined();
    expect(await store.delete('o', 'resp_b')).toBe(true);
    expect(await store.get('o', 'resp_b')).toBeUndefined();
    advance(1);
    expect(await store.get('o', 'resp_a')).toBeUndefined();
    expect(store.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('drops the least recently used record past maxEntries', async () => {
    const { store } = storeWith({ maxEntries: 2 });
    await store.save('o', record('resp_1'));
    await store.save('o', record('resp_2'));
    await store.get('o', 'resp_1');
    await store.save('o', record('resp_3'));
    expect(await store.get('o', 'resp_2')).toBeUndefined();
    expect(await store.get('o', 'resp_1')).toBeDefined();
    expect(await store.get('o', 'resp_3')).toBeDefined();
    expect(store.size.entries).toBe(2);
  });

  it('stays within maxBytes and refuses a record above maxResponseBytes', async () => {
    const one = Buffer.byteLength(JSON.stringify(record('resp_0', 'x'.repeat(1000))));
    const { store } = storeWith({ maxBytes: one * 3, maxResponseBytes: one * 2 });
    for (let index = 0; index < 10; index++)
      await store.save('o', record(`resp_${index}`, 'x'.repeat(1000)));
    expect(store.size.bytes).toBeLessThanOrEqual(one * 3);
    expect(store.size.entries).toBe(3);
    expect(await store.get('o', 'resp_9')).toBeDefined();
    expect(await store.get('o', 'resp_6')).toBeUndefined();
    expect(await store.save('o', record('resp_big', 'x'.repeat(one * 2)))).toBe(false);
    expect(await store.get('o', 'resp_big')).toBeUndefined();
  });

  it('replaces a record saved again under the same id without counting it twice', async () => {
    const { store } = storeWith();
    await store.save('o', record('resp_a', 'first'));
    const bytes = store.size.bytes;
    await store.save('o', record('resp_a', 'again'));
    expect(store.size).toEqual({ entries: 1, bytes });
    expect((await store.get('o', 'resp_a'))?.response.output[0]).toMatchObject({
      content: [{ text: 'again' }],
    });
  });
});
