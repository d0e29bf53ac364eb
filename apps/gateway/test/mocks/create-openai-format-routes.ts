import type {
  MockUpstreamReply,
  MockUpstreamRoute,
  RecordedUpstreamRequest,
} from '@multi-ai-proxy/core/testing';
import {
  recordedChat,
  recordedChatSse,
  recordedChatSseEvents,
  recordedChatUsageChunks,
  syntheticCompletion,
  syntheticEmbeddings,
  syntheticFile,
  syntheticFileList,
  syntheticImages,
  syntheticJsonAnswer,
  syntheticToolCall,
  syntheticToolCallChunks,
  syntheticTranscription,
} from './openai-format-bodies.js';

export type OpenAIFormatOperation =
  | 'chat'
  | 'completions'
  | 'embeddings'
  | 'images'
  | 'transcriptions'
  | 'files'
  | 'file'
  | 'models';

interface ChatBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: Array<{ function: { name: string } }>;
  messages?: Array<{ role: string }>;
  response_format?: { type: string };
  input?: unknown;
  encoding_format?: string;
}

/**
 * Routes of an OpenAI-format upstream (Azure OpenAI or an OpenAI-compatible server), by operation
 * path. Chat answers pick the recorded body or stream that fits the request: the plain answer, the
 * raw recorded SSE, the recorded include_usage stream; tool calls and JSON answers are synthetic.
 */
export function createOpenAIFormatRoutes(
  paths: Record<OpenAIFormatOperation, RegExp>,
  options: { dropFilterChunk: boolean; models: unknown },
): MockUpstreamRoute[] {
  const model = (request: RecordedUpstreamRequest) =>
    request.headers['content-type']?.includes('json')
      ? ((request.json() as ChatBody).model ?? 'gpt-4.1')
      : 'gpt-4.1';
  return [
    {
      method: 'POST',
      path: paths.chat,
      reply: (request) => answerChat(request.json() as ChatBody, options.dropFilterChunk),
    },
    {
      method: 'POST',
      path: paths.completions,
      reply: (request) => ({ body: syntheticCompletion(model(request)) }),
    },
    {
      method: 'POST',
      path: paths.embeddings,
      reply: (request) => {
        const body = request.json() as ChatBody;
        return {
          body: syntheticEmbeddings(
            model(request),
            Array.isArray(body.input) ? body.input.length : 1,
            body.encoding_format === 'base64',
          ),
        };
      },
    },
    { method: 'POST', path: paths.images, reply: { body: syntheticImages } },
    { method: 'POST', path: paths.transcriptions, reply: { body: syntheticTranscription } },
    { method: 'GET', path: paths.files, reply: { body: syntheticFileList } },
    { method: 'POST', path: paths.files, reply: { body: syntheticFile } },
    { method: 'GET', path: paths.file, reply: { body: syntheticFile } },
    { method: 'GET', path: paths.models, reply: { body: options.models } },
  ];
}

function answerChat(body: ChatBody, dropFilterChunk: boolean): MockUpstreamReply {
  const model = body.model ?? 'gpt-4.1';
  const lastRole = body.messages?.at(-1)?.role;
  const tool = body.tools?.[0]?.function.name;
  if (tool !== undefined && lastRole !== 'tool') {
    const argumentsText = JSON.stringify({ location: 'San Francisco' });
    return body.stream
      ? { sse: syntheticToolCallChunks(model, tool, argumentsText) }
      : { body: syntheticToolCall(model, tool, argumentsText) };
  }
  if (body.stream) {
    // An OpenAI server sends no Azure prompt-filter chunk: the recording is trimmed by that first line there.
    if (body.stream_options?.include_usage)
      return { sse: [...recordedChatUsageChunks.slice(dropFilterChunk ? 1 : 0), '[DONE]'] };
    return dropFilterChunk ? { sse: recordedChatSseEvents.slice(1) } : { rawSse: recordedChatSse };
  }
  if (body.response_format?.type === 'json_schema')
    return {
      body: syntheticJsonAnswer(model, JSON.stringify({ city: 'Paris', temperature_c: 21 })),
    };
  return { body: recordedChat };
}
