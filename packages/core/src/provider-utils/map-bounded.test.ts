import { describe, expect, it } from 'vitest';
import { mapBounded } from './map-bounded.js';

describe('mapBounded', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded(
      Array.from({ length: 10 }, (_, index) => index),
      3,
      async (item) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, (10 - item) % 4));
        running--;
        return item * 2;
      },
    );
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(peak).toBe(3);
  });

  it('starts no new task after one failed and rejects with that error', async () => {
    const started: number[] = [];
    const call = mapBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('boom');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return item;
    });
    await expect(call).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('answers an empty list without calling the task', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
