import { type Upstream, upstreamFixture } from '@multi-ai-proxy/fixtures';
import { fileURLToPath } from 'node:url';

/** The path of a recorded upstream fixture (fixtures/upstream/<provider>/<name>, the repository's one copy). */
export function fixturePath(provider: Upstream, name: string): string {
  return fileURLToPath(upstreamFixture(provider, name));
}
