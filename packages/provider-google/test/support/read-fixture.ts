import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../src/__fixtures__/', import.meta.url));

/** A recorded upstream fixture (copied unchanged from shared/fixtures/upstream/gemini) as text. */
export function readFixtureText(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

export function readFixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFixtureText(name)) as T;
}

/** A js-genai `*.recording.json`: the request and response bodies of interaction `index`. */
export function readRecording(name: string, index = 0): { url: string; request: unknown; status: number; response: unknown[] } {
  const recording = readFixtureJson<{
    interactions: Array<{ request: { url: string; bodySegments: unknown[] }; response: { statusCode: number; bodySegments: unknown[] } }>;
  }>(name);
  const interaction = recording.interactions[index];
  if (!interaction) throw new Error(`${name} has no interaction ${index}`);
  return { url: interaction.request.url, request: interaction.request.bodySegments[0], status: interaction.response.statusCode, response: interaction.response.bodySegments };
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
