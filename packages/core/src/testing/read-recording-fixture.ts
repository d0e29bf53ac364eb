import type { MockUpstreamReply } from './start-mock-upstream.js';
import { readJsonFixture } from './read-fixture.js';

/** One request/response pair of a googleapis/js-genai replay file (`*.recording.json`). */
export interface RecordedInteraction {
  request: { method: string; url: string; body: unknown };
  response: { status: number; contentType: string | undefined; segments: unknown[] };
}

interface ReplayFile {
  interactions: Array<{
    request: { method: string; url: string; bodySegments?: unknown[] };
    response: { statusCode: number; headers?: Record<string, string>; bodySegments?: unknown[] };
  }>;
}

/**
 * Reads a js-genai replay recording. A streamed response is stored as one parsed JSON object per
 * SSE event, a unary response as one segment.
 */
export function readRecordingFixture(path: string | URL): RecordedInteraction[] {
  const file = readJsonFixture<ReplayFile>(path);
  return file.interactions.map((interaction) => ({
    request: {
      method: interaction.request.method,
      url: interaction.request.url,
      body: interaction.request.bodySegments?.[0],
    },
    response: {
      status: interaction.response.statusCode,
      contentType: Object.entries(interaction.response.headers ?? {}).find(
        ([name]) => name.toLowerCase() === 'content-type',
      )?.[1],
      segments: interaction.response.bodySegments ?? [],
    },
  }));
}

/**
 * The mock reply that replays a recorded interaction: SSE events for a streamed call (URL with
 * `alt=sse`), else (and for errors) the JSON body. Transport headers of the recording (gzip, length) are not replayed.
 */
export function recordingToMockReply(interaction: RecordedInteraction): MockUpstreamReply {
  const streamed =
    interaction.request.url.includes('alt=sse') ||
    interaction.response.contentType?.includes('event-stream') === true;
  // A failed streamed call (404 and the like) answers one JSON error body, not events.
  if (streamed && interaction.response.status < 400)
    return { status: interaction.response.status, sse: interaction.response.segments };
  return { status: interaction.response.status, body: interaction.response.segments[0] };
}
