import { describe, expect, it } from 'vitest';
import { costMicros, createPriceTable } from './price-table.js';

describe('price table', () => {
  it('reads OpenAI, Azure and Google prices from @pydantic/genai-prices', () => {
    const table = createPriceTable(new Map());
    expect(table.lookup(['gpt-4o'])).toEqual({
      input: 2.5,
      output: 10,
      cachedInput: 1.25,
      reasoning: 10,
      source: 'genai-prices',
    });
    expect(table.lookup(['gemini-2.5-flash'])).toMatchObject({
      input: 0.3,
      output: 2.5,
      source: 'genai-prices',
    });
    expect(table.lookup(['no-such-model-anywhere'])).toBeUndefined();
  });

  it('config prices win, exact names before globs, and the first priced candidate is used', () => {
    const table = createPriceTable(
      new Map([
        ['gpt-4o*', { input: 1, output: 2 }],
        ['gpt-4o', { input: 3, output: 4, cachedInput: 0.5, reasoning: 8 }],
      ]),
    );
    expect(table.lookup(['GPT-4o'])).toEqual({
      input: 3,
      output: 4,
      cachedInput: 0.5,
      reasoning: 8,
      source: 'config',
    });
    expect(table.lookup(['gpt-4o-mini'])).toEqual({
      input: 1,
      output: 2,
      cachedInput: 1,
      reasoning: 2,
      source: 'config',
    });
    expect(table.lookup(['my-alias', 'gpt-4o-mini'])?.source).toBe('config');
  });

  it('costs cached and reasoning tokens at their own rates, in whole micro-USD', () => {
    const price = {
      input: 2.5,
      output: 10,
      cachedInput: 1.25,
      reasoning: 20,
      source: 'config' as const,
    };
    // 600 uncached × 2.5 + 400 cached × 1.25 + 150 plain output × 10 + 50 reasoning × 20 = 1500 + 500 + 1500 + 1000
    expect(costMicros(price, { prompt: 1_000, cached: 400, completion: 200, reasoning: 50 })).toBe(
      4_500,
    );
    expect(
      costMicros(undefined, { prompt: 1_000, cached: 0, completion: 1_000, reasoning: 0 }),
    ).toBe(0);
  });
});
