import type { RecordedUpstreamRequest } from '@multi-ai-proxy/core/testing';
import {
  RECORDED_CHAT_TEXT,
  RECORDED_STREAM_TEXT,
  RECORDED_USAGE_STREAM_TEXT,
} from '../mocks/openai-format-bodies.js';
import { VERTEX_ACCESS_TOKEN } from '../mocks/start-vertex-mock.js';

export type ProviderName = 'azure' | 'openai' | 'google' | 'vertex';
export type Scenario =
  | 'chat'
  | 'stream'
  | 'stream-without-usage'
  | 'tools'
  | 'image'
  | 'json-schema'
  | 'completions'
  | 'embeddings'
  | 'models'
  | 'images'
  | 'transcription';

/** What a client should see from one provider, given the recorded answers its mock replays. */
export interface ProviderRow {
  name: ProviderName;
  chatModel: string;
  embeddingModel: string;
  /** How many embeddings the mock's recorded answer holds (and so how many inputs to send). */
  embeddingInputs: number;
  chatText: string | RegExp;
  /** finish_reason of the recorded non-streamed answer (the Gemini recordings stopped at MAX_TOKENS). */
  chatFinishReason: 'stop' | 'length';
  /** Text of the streamed answer with include_usage, and without. */
  streamText: string | RegExp;
  plainStreamText: string | RegExp;
  /** The function name in the recorded tool-call answer (OpenAI-format mocks echo the requested one). */
  toolName: string;
  /** Scenarios this provider serves; every other scenario must answer a clean OpenAI-shaped 4xx. */
  supports: ReadonlySet<Scenario>;
  /** The upstream side: the credentials the provider must send. */
  checkAuth(request: RecordedUpstreamRequest): void;
}

const ALL: Scenario[] = [
  'chat',
  'stream',
  'stream-without-usage',
  'tools',
  'image',
  'json-schema',
  'completions',
  'embeddings',
  'models',
  'images',
  'transcription',
];
const TRANSLATED: Scenario[] = [
  'chat',
  'stream',
  'stream-without-usage',
  'tools',
  'image',
  'json-schema',
  'completions',
  'embeddings',
  'models',
];
/** Google AI Studio and Vertex also transcribe (model transcription through generateContent). */
const TRANSLATED_GOOGLE: Scenario[] = [...TRANSLATED, 'transcription'];

export const PROVIDER_ROWS: ProviderRow[] = [
  {
    name: 'azure',
    chatModel: 'azure/gpt-4.1',
    embeddingModel: 'azure/text-embedding-3-small',
    embeddingInputs: 2,
    chatText: RECORDED_CHAT_TEXT,
    chatFinishReason: 'stop',
    streamText: RECORDED_USAGE_STREAM_TEXT,
    plainStreamText: RECORDED_STREAM_TEXT,
    toolName: 'get_weather',
    supports: new Set(ALL),
    checkAuth: (request) => {
      if (request.headers['api-key'] !== 'azure-e2e-key')
        throw new Error(`azure upstream got api-key ${request.headers['api-key']}`);
    },
  },
  {
    name: 'openai',
    chatModel: 'openai/gpt-4.1',
    embeddingModel: 'openai/text-embedding-3-small',
    embeddingInputs: 2,
    chatText: RECORDED_CHAT_TEXT,
    chatFinishReason: 'stop',
    streamText: RECORDED_USAGE_STREAM_TEXT,
    plainStreamText: RECORDED_STREAM_TEXT,
    toolName: 'get_weather',
    supports: new Set(ALL),
    checkAuth: (request) => {
      if (request.headers.authorization !== 'Bearer openai-e2e-key')
        throw new Error(`openai upstream got authorization ${request.headers.authorization}`);
    },
  },
  {
    name: 'google',
    chatModel: 'google/gemini-2.5-flash',
    embeddingModel: 'google/gemini-embedding-001',
    embeddingInputs: 2,
    chatText: /Rayleigh Scattering/,
    chatFinishReason: 'length',
    streamText: 'The capital of Wyoming is **Cheyenne**.\n',
    plainStreamText: 'The capital of Wyoming is **Cheyenne**.\n',
    toolName: 'weather',
    supports: new Set(TRANSLATED_GOOGLE),
    checkAuth: (request) => {
      if (request.headers['x-goog-api-key'] !== 'gemini-e2e-key')
        throw new Error('google upstream did not get the x-goog-api-key');
      if (request.url.includes('key='))
        throw new Error('the Gemini key must not travel in the URL');
    },
  },
  {
    name: 'vertex',
    chatModel: 'vertex/gemini-2.5-flash',
    embeddingModel: 'vertex/text-embedding-004',
    embeddingInputs: 2,
    chatText: /Rayleigh scattering/,
    chatFinishReason: 'length',
    streamText: /^The sky appears blue due to a phenomenon called \*\*Rayleigh scattering\*\*/,
    plainStreamText: /^The sky appears blue due to a phenomenon called \*\*Rayleigh scattering\*\*/,
    toolName: 'sum',
    supports: new Set(TRANSLATED_GOOGLE),
    checkAuth: (request) => {
      if (request.headers.authorization !== `Bearer ${VERTEX_ACCESS_TOKEN}`)
        throw new Error(`vertex upstream got authorization ${request.headers.authorization}`);
    },
  },
];
