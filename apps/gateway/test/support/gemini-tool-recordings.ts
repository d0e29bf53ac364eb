// The recorded Gemini / Vertex function-call and thinking answers that the inbound-API tests replay
// (fixtures/upstream), and how the mock upstream serves each.
import { readUpstreamFixture, type Upstream } from '@multi-ai-proxy/fixtures';

export type GeminiPart = {
  text?: string;
  thought?: boolean;
  functionCall?: { name?: string; args?: Record<string, unknown>; partialArgs?: unknown };
};
export type GeminiAnswer = {
  candidates?: Array<{ content?: { parts?: GeminiPart[] } }>;
  usageMetadata?: { candidatesTokenCount?: number; thoughtsTokenCount?: number };
};

export interface GeminiRecording {
  upstream: Upstream;
  name: string;
  model: string;
}

/** Every recorded Gemini / Vertex function-call and thinking answer, with the model that replays it. */
export const GEMINI_TOOL_RECORDINGS: GeminiRecording[] = [
  {
    upstream: 'gemini',
    name: 'generateContent.function-call.gemini-3-pro.response.json',
    model: 'google/gemini-3-pro-preview',
  },
  {
    upstream: 'gemini',
    name: 'generateContent.thinking-function-call-signature.response.json',
    model: 'google/gemini-2.5-flash',
  },
  {
    upstream: 'gemini',
    name: 'generateContent.text-thoughtSignature.gemini-3-pro.response.json',
    model: 'google/gemini-3-pro-preview',
  },
  {
    upstream: 'gemini',
    name: 'streamGenerateContent.function-call.gemini-3-pro.chunks.txt',
    model: 'google/gemini-3-pro-preview',
  },
  {
    upstream: 'gemini',
    name: 'streamGenerateContent.thinking-function-call.sse.txt',
    model: 'google/gemini-2.5-flash',
  },
  {
    upstream: 'gemini',
    name: 'streamGenerateContent.reasoning.gemini-3-pro.chunks.txt',
    model: 'google/gemini-3-pro-preview',
  },
  {
    upstream: 'vertex',
    name: 'generateContent.function-call-parallel.response.json',
    model: 'vertex/gemini-2.5-flash',
  },
  {
    upstream: 'vertex',
    name: 'streamGenerateContent.function-call.sse.txt',
    model: 'vertex/gemini-2.5-flash',
  },
  {
    upstream: 'vertex',
    name: 'streamGenerateContent.partialArgs.gemini-3.1-pro.chunks.txt',
    model: 'vertex/gemini-3.1-pro-preview',
  },
];

/** The recording's answers (one for a JSON body, one per event for a stream) and how the mock replays it. */
export function loadGeminiRecording(recording: GeminiRecording): {
  answers: GeminiAnswer[];
  reply: Record<string, unknown>;
  streamed: boolean;
} {
  const text = readUpstreamFixture(recording.upstream, recording.name).toString('utf8');
  if (recording.name.endsWith('.json'))
    return { answers: [JSON.parse(text)], reply: { body: JSON.parse(text) }, streamed: false };
  if (recording.name.endsWith('.sse.txt')) {
    const answers = text
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => JSON.parse(line.slice(5)));
    return { answers, reply: { rawSse: text }, streamed: true };
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  return {
    answers: lines.map((line) => JSON.parse(line)),
    reply: { sse: lines.map((line) => JSON.parse(line)) },
    streamed: true,
  };
}
