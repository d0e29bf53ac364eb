import { findUnusedFixtures } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';

// provider-anthropic owns the Anthropic recordings (fixtures/upstream/anthropic): each must be replayed by one of its tests.
describe('recorded Anthropic fixtures', () => {
  it('are each used by a test of this package', () => {
    expect(findUnusedFixtures('anthropic', [new URL('./', import.meta.url)])).toEqual([]);
  });
});
