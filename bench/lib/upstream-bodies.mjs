// Upstream response bodies for the mock, built ONCE at start-up from the repository's recorded
// fixtures (fixtures/upstream/<upstream>/, paths below are relative to fixtures/upstream). Bodies are pre-serialised
// to Buffers so the mock spends almost no CPU per request: the benchmark measures the gateway,
// not the mock.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixturesDir = fileURLToPath(new URL('../../fixtures/upstream/', import.meta.url));

function readJson(relativePath) {
  return JSON.parse(readFileSync(fixturesDir + relativePath, 'utf8'));
}

/** The response segments of a googleapis/js-genai replay recording (one per SSE event for streams). */
function recordingSegments(relativePath) {
  return readJson(relativePath).interactions[0].response.bodySegments;
}

/** `data:` payloads of a raw SSE text fixture, without the final `[DONE]`. */
function ssePayloads(relativePath) {
  return readFileSync(fixturesDir + relativePath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length))
    .filter((payload) => payload !== '[DONE]');
}

/**
 * Builds `count` events from a recorded stream: the recorded head, then the recorded middle events
 * repeated in order, then the recorded final event (the one carrying the finish reason), so any
 * length keeps a valid shape (role first, finish last).
 */
function stretchEvents(head, middle, final, count) {
  const events = head.slice(0, Math.max(0, count - 1));
  for (let i = 0; events.length < count - 1; i++) events.push(middle[i % middle.length]);
  events.push(final);
  return events;
}

/** Synthetic embedding vector (no recorded OpenAI/Gemini embeddings body exists): deterministic values. */
function syntheticVector(dimensions) {
  const values = new Array(dimensions);
  for (let i = 0; i < dimensions; i++) values[i] = Math.round(Math.sin(i + 1) * 1e8) / 1e9;
  return values;
}

export function buildUpstreamBodies({ chunks }) {
  const azureChat = readJson('azure/chat-completions.response.content-filter.gpt-4.1.json');

  const azureEvents = ssePayloads('azure/chat-completions.stream.content-filter.gpt-4.1.sse.txt');
  // Recorded: [prompt filter results, role, ...content deltas, finish].
  const azureStream = stretchEvents(
    azureEvents.slice(0, 2),
    azureEvents.slice(2, -1),
    azureEvents.at(-1),
    chunks,
  );

  const geminiGenerate = recordingSegments(
    'gemini/generateContent.text.gemini-2.5-flash.recording.json',
  )[0];
  const geminiSegments = recordingSegments('gemini/streamGenerateContent.text.recording.json');
  const geminiStream = stretchEvents(
    [],
    geminiSegments.slice(0, -1).map((s) => JSON.stringify(s)),
    JSON.stringify(geminiSegments.at(-1)),
    chunks,
  );

  const vertexGenerate = recordingSegments(
    'vertex/generateContent.text.gemini-2.5-flash.recording.json',
  )[0];
  const vertexSegments = recordingSegments('vertex/streamGenerateContent.text.recording.json');
  const vertexStream = stretchEvents(
    [],
    vertexSegments.slice(0, -1).map((s) => JSON.stringify(s)),
    JSON.stringify(vertexSegments.at(-1)),
    chunks,
  );

  // Synthetic (no recording exists): OpenAI/Azure embeddings list shape, 1536 dimensions like ada-002.
  const openaiEmbeddings = {
    object: 'list',
    data: [{ object: 'embedding', index: 0, embedding: syntheticVector(1536) }],
    model: 'text-embedding-ada-002',
    usage: { prompt_tokens: 8, total_tokens: 8 },
  };
  // Synthetic (no recording exists): Gemini batchEmbedContents shape, 768 dimensions like text-embedding-004.
  const geminiEmbeddings = { embeddings: [{ values: syntheticVector(768) }] };

  return {
    azureChat: Buffer.from(JSON.stringify(azureChat)),
    azureStreamEvents: azureStream.map((e) => Buffer.from(`data: ${e}\n\n`)),
    azureStreamDone: Buffer.from('data: [DONE]\n\n'),
    openaiEmbeddings: Buffer.from(JSON.stringify(openaiEmbeddings)),
    geminiGenerate: Buffer.from(JSON.stringify(geminiGenerate)),
    // Gemini's SSE uses CRLF line ends (see the recorded streamGenerateContent.text.sse.txt).
    geminiStreamEvents: geminiStream.map((e) => Buffer.from(`data: ${e}\r\n\r\n`)),
    geminiEmbeddings: Buffer.from(JSON.stringify(geminiEmbeddings)),
    geminiModels: Buffer.from(JSON.stringify(readJson('gemini/models.list.response.json'))),
    vertexGenerate: Buffer.from(JSON.stringify(vertexGenerate)),
    vertexStreamEvents: vertexStream.map((e) => Buffer.from(`data: ${e}\r\n\r\n`)),
    vertexPredictEmbeddings: Buffer.from(
      JSON.stringify(readJson('vertex/predict.embeddings.response.json')),
    ),
    // The request bodies the benchmark sends DIRECT to the mock, taken from the recordings' requests.
    geminiRequest: readJson('gemini/generateContent.text.gemini-2.5-flash.recording.json')
      .interactions[0].request.bodySegments[0],
  };
}
