import { readFileSync } from 'node:fs';

/** A fixture file as text (an `.sse.txt` recording, say), exactly as stored. */
export function readFixtureText(path: string | URL): string {
  return readFileSync(path, 'utf8');
}

/** A recorded JSON body. */
export function readJsonFixture<T = unknown>(path: string | URL): T {
  return JSON.parse(readFixtureText(path)) as T;
}

/** A `.chunks.txt` fixture: one SSE `data:` payload per line (blank lines ignored), each as stored. */
export function readChunksFixture(path: string | URL): string[] {
  return readFixtureText(path)
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
}
