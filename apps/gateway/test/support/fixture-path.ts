import { fileURLToPath } from 'node:url';

/**
 * A recorded upstream fixture, copied unchanged from the shared recordings
 * (shared/fixtures/upstream/<provider>/<name>) into test/mocks/__fixtures__/<provider>-<name>.
 */
export function fixturePath(provider: 'azure' | 'gemini' | 'vertex', name: string): string {
  return fileURLToPath(new URL(`../mocks/__fixtures__/${provider}-${name}`, import.meta.url));
}
