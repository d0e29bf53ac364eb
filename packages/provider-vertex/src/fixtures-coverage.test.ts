import { findUnusedFixtures } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';

// provider-vertex owns the Vertex AI recordings (fixtures/upstream/vertex): each must be replayed by one of its tests.
describe('recorded Vertex fixtures', () => {
  it('are each used by a test of this package', () => {
    expect(findUnusedFixtures('vertex', [new URL('./', import.meta.url)])).toEqual([]);
  });
});
