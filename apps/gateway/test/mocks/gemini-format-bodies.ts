import {
  readChunksFixture,
  readFixtureText,
  readJsonFixture,
  readRecordingFixture,
} from '@multi-ai-proxy/core/testing';
import { fixturePath } from '../support/fixture-path.js';

// Recorded Gemini API / Vertex answers, replayed unchanged.
export const gemini = {
  text: readRecordingFixture(
    fixturePath('gemini', 'generateContent.text.gemini-2.5-flash.recording.json'),
  )[0]!.response.segments[0],
  functionCall: readJsonFixture(
    fixturePath('gemini', 'generateContent.function-call.gemini-3-pro.response.json'),
  ),
  jsonSchema: readRecordingFixture(
    fixturePath('gemini', 'generateContent.responseJsonSchema.recording.json'),
  )[0]!,
  /** Raw SSE text, CRLF line ends as recorded: "The capital of Wyoming is **Cheyenne**." */
  textSse: readFixtureText(fixturePath('gemini', 'streamGenerateContent.text.sse.txt')),
  functionCallChunks: readChunksFixture(
    fixturePath('gemini', 'streamGenerateContent.function-call.gemini-3-pro.chunks.txt'),
  ),
  models: readJsonFixture(fixturePath('gemini', 'models.list.response.json')),
  rateLimited: readJsonFixture(
    fixturePath('gemini', 'error.429-resource-exhausted-retryinfo.json'),
  ),
};

export const vertex = {
  text: readRecordingFixture(
    fixturePath('vertex', 'generateContent.text.gemini-2.5-flash.recording.json'),
  )[0]!.response.segments[0],
  functionCallParallel: readJsonFixture(
    fixturePath('vertex', 'generateContent.function-call-parallel.response.json'),
  ),
  jsonSchema: readRecordingFixture(
    fixturePath('vertex', 'generateContent.responseJsonSchema.recording.json'),
  )[0]!,
  textStream: readRecordingFixture(
    fixturePath('vertex', 'streamGenerateContent.text.recording.json'),
  )[0]!.response.segments,
  functionCallSse: readFixtureText(
    fixturePath('vertex', 'streamGenerateContent.function-call.sse.txt'),
  ),
  embeddings: readJsonFixture(fixturePath('vertex', 'predict.embeddings.response.json')),
};

export const GEMINI_STREAM_TEXT = 'The capital of Wyoming is **Cheyenne**.\n';

/** SYNTHETIC (no Gemini batchEmbedContents recording exists): one small vector per request. */
export function syntheticGeminiEmbeddings(count: number) {
  return {
    embeddings: Array.from({ length: count }, (_, index) => ({
      values: [0.01 * (index + 1), -0.02, 0.03, 0.04],
    })),
  };
}
