import { upstreamFixture } from '@multi-ai-proxy/fixtures';

/** The file URL of a recorded Vertex AI fixture (fixtures/upstream/vertex/<name>). */
export function fixture(name: string): URL {
  return upstreamFixture('vertex', name);
}
