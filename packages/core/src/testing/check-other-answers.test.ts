import { describe, expect, it } from 'vitest';
import { UpstreamApiError } from '../errors/upstream-api-error.js';
import { checkCompletion, checkCompletionChunks } from './check-completion.js';
import { checkEmbeddingResponse } from './check-embedding-response.js';
import { checkModelList } from './check-model-list.js';
import { checkOpenAIErrorBody } from './check-openai-error-body.js';
import { checkProviderError } from './check-provider-error.js';
import { checkTokenCount } from './check-token-count.js';
import { readJsonFixture } from './read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

// Synthetic OpenAI-shaped bodies (OpenAI API reference): no recording of these endpoints exists in fixtures/upstream.
const embeddings = (embedding: unknown = [0.1, 0.2]) => ({
  object: 'list',
  model: 'text-embedding-3-small',
  data: [
    { object: 'embedding', index: 0, embedding },
    { object: 'embedding', index: 1, embedding },
  ],
  usage: { prompt_tokens: 4, total_tokens: 4 },
});
const completion = () => ({
  id: 'cmpl-1',
  object: 'text_completion',
  created: 1762317021,
  model: 'm',
  choices: [{ index: 0, text: 'hi', logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('checkEmbeddingResponse', () => {
  it('accepts float and base64 vectors', () => {
    expect(checkEmbeddingResponse(embeddings(), { inputCount: 2, dimensions: 2 })).toEqual([]);
    const base64 = Buffer.from(new Float32Array([0.1, 0.2]).buffer).toString('base64');
    expect(
      checkEmbeddingResponse(embeddings(base64), { encodingFormat: 'base64', dimensions: 2 }),
    ).toEqual([]);
  });

  it('reports a count, order, format and dimension mismatch', () => {
    expect(checkEmbeddingResponse(embeddings(), { inputCount: 3 })).toContain(
      'expected 3 embedding(s), one per input, got 2',
    );
    const swapped = embeddings();
    swapped.data.reverse();
    expect(checkEmbeddingResponse(swapped).join('\n')).toMatch(/data\[0\]\.index must be 0/);
    expect(checkEmbeddingResponse(embeddings(), { encodingFormat: 'base64' }).join('\n')).toMatch(
      /must be a base64 string/,
    );
    expect(checkEmbeddingResponse(embeddings(), { dimensions: 3 }).join('\n')).toMatch(
      /2 dimensions, the request asked for 3/,
    );
    expect(checkEmbeddingResponse(embeddings('AAA=')).join('\n')).toMatch(
      /array of finite numbers/,
    );
    expect(checkEmbeddingResponse({ ...embeddings(), usage: undefined }).join('\n')).toMatch(
      /usage must have/,
    );
  });
});

describe('checkCompletion / checkCompletionChunks', () => {
  it('accepts a text completion and its stream', () => {
    expect(checkCompletion(completion())).toEqual([]);
    const first = {
      ...completion(),
      choices: [{ index: 0, text: 'h', logprobs: null, finish_reason: null }],
      usage: null,
    };
    const last = {
      ...completion(),
      choices: [{ index: 0, text: 'i', logprobs: null, finish_reason: 'stop' }],
      usage: null,
    };
    const usage = { ...completion(), choices: [] };
    expect(checkCompletionChunks([first, last, usage], { includeUsage: true })).toEqual([]);
    expect(checkCompletionChunks([last, first]).join('\n')).toMatch(
      /continues after its finish_reason/,
    );
  });

  it('reports a chat object in a completion answer', () => {
    expect(checkCompletion({ ...completion(), object: 'chat.completion' }).join('\n')).toMatch(
      /object must be "text_completion"/,
    );
  });
});

describe('checkModelList', () => {
  it('accepts OpenAI model entries and reports upstream ids and duplicates', () => {
    const model = { id: 'gemini-2.5-flash', object: 'model', created: 0, owned_by: 'google' };
    expect(checkModelList({ object: 'list', data: [model] })).toEqual([]);
    expect(checkModelList([model, model]).join('\n')).toMatch(/listed twice/);
    expect(checkModelList([{ ...model, id: 'models/gemini-2.5-flash' }]).join('\n')).toMatch(
      /keeps the upstream's "models\/" prefix/,
    );
    expect(checkModelList([{ ...model, created: '2025' }]).join('\n')).toMatch(
      /created must be Unix seconds/,
    );
  });
});

describe('checkTokenCount', () => {
  it('wants { inputTokens } as a non-negative integer, equal to the recorded count when given', () => {
    expect(checkTokenCount({ inputTokens: 11 }, 11)).toEqual([]);
    expect(checkTokenCount({ inputTokens: 0 })).toEqual([]);
    expect(checkTokenCount({ inputTokens: 10 }, 11).join('\n')).toMatch(/must be 11/);
    expect(checkTokenCount({ inputTokens: -1 }).join('\n')).toMatch(/non-negative integer/);
    expect(checkTokenCount({ input_tokens: 3 }).join('\n')).toMatch(/non-negative integer/);
    expect(checkTokenCount(11).join('\n')).toMatch(/must resolve to \{ inputTokens \}/);
  });
});

describe('checkOpenAIErrorBody / checkProviderError', () => {
  it("accepts the gateway's error shape, and reports Azure's raw one (type null)", () => {
    expect(
      checkOpenAIErrorBody({
        error: { message: 'm', type: 'invalid_request_error', param: null, code: null },
      }),
    ).toEqual([]);
    const azure = readJsonFixture(upstreamFixture('azure', 'error.400-content-filter.json'));
    expect(checkOpenAIErrorBody(azure)).toEqual([
      'error.type must be a non-empty string, got null',
    ]);
    expect(checkOpenAIErrorBody({ message: 'flat' }).join('\n')).toMatch(/must be \{"error"/);
  });

  it('wants a GatewayError with the status, the retry headers and no secret', () => {
    const error = new UpstreamApiError({
      provider: 'p',
      status: 429,
      message: 'slow down',
      headers: { 'retry-after': '3' },
    });
    expect(
      checkProviderError(error, { status: 429, headers: ['retry-after'], secrets: ['sk-secret'] }),
    ).toEqual([]);
    expect(checkProviderError(new TypeError('boom'), { status: 429 }).join('\n')).toMatch(
      /expected a GatewayError/,
    );
    expect(checkProviderError(error, { status: 500 })).toEqual(['status must be 500, got 429']);
    const withoutHeaders = new UpstreamApiError({
      provider: 'p',
      status: 429,
      message: 'key sk-secret is rate limited',
    });
    expect(
      checkProviderError(withoutHeaders, {
        status: 429,
        headers: ['retry-after'],
        secrets: ['sk-secret'],
      }),
    ).toEqual([
      'header "retry-after" must be passed on (pickRateLimitHeaders)',
      'the error message or headers contain a secret',
    ]);
  });
});
