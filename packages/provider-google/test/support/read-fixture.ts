import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';

/**
 * A recorded upstream fixture (fixtures/upstream/gemini/<name>, or fixtures/upstream/vertex/<file> for
 * `vertex/<file>`: the engine serves both) as text.
 */
export function readFixtureText(name: string): string {
  return name.startsWith('vertex/')
    ? readUpstreamFixture('vertex', name.slice('vertex/'.length)).toString('utf8')
    : readUpstreamFixture('gemini', name).toString('utf8');
}

export function readFixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFixtureText(name)) as T;
}

/** A js-genai `*.recording.json`: the request and response bodies of interaction `index`. */
export function readRecording(
  name: string,
  index = 0,
): { url: string; request: unknown; status: number; response: unknown[] } {
  const recording = readFixtureJson<{
    interactions: Array<{
      request: { url: string; bodySegments: unknown[] };
      response: { statusCode: number; bodySegments: unknown[] };
    }>;
  }>(name);
  const interaction = recording.interactions[index];
  if (!interaction) throw new Error(`${name} has no interaction ${index}`);
  return {
    url: interaction.request.url,
    request: interaction.request.bodySegments[0],
    status: interaction.response.statusCode,
    response: interaction.response.bodySegments,
  };
}

/** `*.chunks.txt`: one JSON payload per line. */
export function readChunkLines<T = unknown>(name: string): T[] {
  return readFixtureText(name)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** Collects an async iterable into an array (bounded by the source). */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
