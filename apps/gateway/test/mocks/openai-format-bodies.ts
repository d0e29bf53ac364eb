import { readChunksFixture, readFixtureText, readJsonFixture } from '@multi-ai-proxy/core/testing';
import { fixturePath } from '../support/fixture-path.js';

// Recorded OpenAI-format answers (Azure OpenAI speaks the OpenAI wire format), replayed unchanged.
export const recordedChat = readJsonFixture<Record<string, unknown>>(
  fixturePath('azure', 'chat-completions.response.content-filter.gpt-4.1.json'),
);
/** Raw SSE text as Azure sent it: prompt-filter chunk with "choices": [] first, no usage chunk, `[DONE]`. */
export const recordedChatSse = readFixtureText(
  fixturePath('azure', 'chat-completions.stream.content-filter.gpt-4.1.sse.txt'),
);
/** The same recording as `data:` payloads (for servers that send no prompt-filter chunk: drop the first). */
export const recordedChatSseEvents = recordedChatSse
  .split('\n')
  .filter((line) => line.startsWith('data: '))
  .map((line) => line.slice('data: '.length));
/** JSON lines of an Azure stream with stream_options.include_usage (filter chunk first, usage chunk last). */
export const recordedChatUsageChunks = readChunksFixture(
  fixturePath('azure', 'chat-completions.stream.content-filter.model-router.chunks.txt'),
);
export const recordedContentFilterError = readJsonFixture(
  fixturePath('azure', 'error.400-content-filter.json'),
);
export const RECORDED_CHAT_TEXT =
  "Hello! I'm just a program, so I don't have feelings, but I'm here and ready to help you. How can I assist you today?";
/** Text of the raw recorded SSE (no usage). */
export const RECORDED_STREAM_TEXT =
  'Hello! I’m doing well, thank you for asking. How can I assist you today?';
/** Text of the recorded include_usage stream. */
export const RECORDED_USAGE_STREAM_TEXT = 'Capital of Denmark.';

// Everything below is SYNTHETIC: no recording of these OpenAI-format answers exists in fixtures/upstream.
// Shapes follow the OpenAI API reference (https://platform.openai.com/docs/api-reference).
const created = 1757173664;

export function syntheticToolCall(model: string, name: string, argumentsText: string) {
  return {
    id: 'chatcmpl-e2e-tool',
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: 'call_e2e_1', type: 'function', function: { name, arguments: argumentsText } },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27 },
  };
}

export function syntheticToolCallChunks(
  model: string,
  name: string,
  argumentsText: string,
): unknown[] {
  const base = { id: 'chatcmpl-e2e-tool-stream', object: 'chat.completion.chunk', created, model };
  const half = Math.ceil(argumentsText.length / 2);
  return [
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_e2e_1', type: 'function', function: { name, arguments: '' } },
            ],
          },
          logprobs: null,
          finish_reason: null,
        },
      ],
    },
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(0, half) } }],
          },
          logprobs: null,
          finish_reason: null,
        },
      ],
    },
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(half) } }] },
          logprobs: null,
          finish_reason: null,
        },
      ],
    },
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }] },
    '[DONE]',
  ];
}

export function syntheticJsonAnswer(model: string, content: string) {
  const answer = structuredClone(recordedChat) as {
    model: string;
    choices: Array<{ message: { content: string } }>;
  };
  answer.model = model;
  answer.choices[0]!.message.content = content;
  return answer;
}

export function syntheticEmbeddings(model: string, count: number, base64: boolean) {
  const vector = [0.0123, -0.0456, 0.0789, 0.1011];
  const encoded = Buffer.from(new Float32Array(vector).buffer).toString('base64');
  return {
    object: 'list',
    data: Array.from({ length: count }, (_, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encoded : vector,
    })),
    model,
    usage: { prompt_tokens: 2 * count, total_tokens: 2 * count },
  };
}

export const syntheticCompletion = (model: string) => ({
  id: 'cmpl-e2e-1',
  object: 'text_completion',
  created,
  model,
  choices: [{ text: ' there, how can I help?', index: 0, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
});

export const syntheticImages = {
  created,
  data: [{ b64_json: Buffer.from('png-bytes').toString('base64'), revised_prompt: 'a red square' }],
};
export const syntheticTranscription = { text: 'Hello from the recording.' };
export const syntheticFile = {
  id: 'file-e2e-1',
  object: 'file',
  bytes: 11,
  created_at: created,
  filename: 'train.jsonl',
  purpose: 'fine-tune',
  status: 'processed',
};
export const syntheticFileList = {
  object: 'list',
  data: [syntheticFile],
  first_id: 'file-e2e-1',
  last_id: 'file-e2e-1',
  has_more: false,
};
