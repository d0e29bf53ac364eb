import { findUnusedFixtures } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';

// provider-google owns the Gemini API recordings (fixtures/upstream/gemini): each must be replayed by one of its tests.
describe('recorded Gemini fixtures', () => {
  it('are each used by a test of this package', () => {
    expect(findUnusedFixtures('gemini', [new URL('./', import.meta.url)])).toEqual([]);
  });
});
