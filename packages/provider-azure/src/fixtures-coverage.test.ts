import { findUnusedFixtures } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';

// provider-azure owns the Azure recordings (fixtures/upstream/azure): each must be replayed by one of its tests.
describe('recorded Azure fixtures', () => {
  it('are each used by a test of this package', () => {
    expect(findUnusedFixtures('azure', [new URL('./', import.meta.url)])).toEqual([]);
  });
});
