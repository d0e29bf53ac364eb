import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every recorded Vertex fixture copied from shared/fixtures/upstream/vertex must be replayed by a test.
describe('recorded fixtures', () => {
  it('are each used by at least one test file', () => {
    const here = new URL('./', import.meta.url);
    const fixtures = readdirSync(new URL('./__fixtures__/', here));
    const tests = readdirSync(here)
      .filter((name) => name.endsWith('.test.ts') && name !== 'fixtures-coverage.test.ts')
      .map((name) => readFileSync(new URL(name, here), 'utf8'))
      .join('\n');
    expect(fixtures.length).toBeGreaterThanOrEqual(18);
    expect(fixtures.filter((name) => !tests.includes(`'${name}'`))).toEqual([]);
  });
});
