import { describe, expect, it } from 'vitest';
import { parseOpenAIErrorBody } from './parse-openai-error-body.js';
import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';

const fixture = (name: string) => readUpstreamFixture('azure', name);

describe('parseOpenAIErrorBody', () => {
  it('reads the recorded Azure content-filter 400 (type null, innererror kept)', () => {
    const detail = parseOpenAIErrorBody(fixture('error.400-content-filter.json'), 400);
    expect(detail.message).toMatch(
      /^The response was filtered due to the prompt triggering Azure OpenAI's content management policy/,
    );
    expect(detail.type).toBeUndefined();
    expect(detail.code).toBe('content_filter');
    expect(detail.param).toBe('prompt');
    expect((detail.error?.innererror as { code?: string } | undefined)?.code).toBe(
      'ResponsibleAIPolicyViolation',
    );
    expect(detail.openAIShaped).toBe(true);
  });

  it('turns a numeric-looking Azure code into a string and keeps OpenAI fields', () => {
    const body = Buffer.from(
      '{"error":{"code":"429","message":"Requests have exceeded the token rate limit. Please retry after 3 seconds."}}',
    );
    expect(parseOpenAIErrorBody(body, 429)).toMatchObject({
      message: expect.stringContaining('retry after 3 seconds'),
      code: '429',
      param: null,
    });
    const openai = Buffer.from(
      '{"error":{"message":"bad","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}',
    );
    expect(parseOpenAIErrorBody(openai, 400)).toMatchObject({
      message: 'bad',
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: 'unsupported_parameter',
    });
  });

  it('handles FastAPI detail, top-level message, string error, plain text and empty bodies', () => {
    expect(
      parseOpenAIErrorBody(Buffer.from('{"detail":[{"loc":["body","x"],"msg":"extra"}]}'), 422)
        .message,
    ).toBe('[{"loc":["body","x"],"msg":"extra"}]');
    expect(parseOpenAIErrorBody(Buffer.from('{"message":"nope","code":7}'), 403)).toMatchObject({
      message: 'nope',
      code: '7',
    });
    expect(parseOpenAIErrorBody(Buffer.from('{"error":"failed"}'), 500).message).toBe('failed');
    expect(parseOpenAIErrorBody(Buffer.from('<html>Bad Gateway</html>'), 502).message).toBe(
      'Upstream answered HTTP 502: <html>Bad Gateway</html>',
    );
    expect(parseOpenAIErrorBody(Buffer.alloc(0), 503).message).toBe('Upstream answered HTTP 503.');
    // None of these is OpenAI's shape: only `{"error":{…}}` is passed on to the client as an object.
    for (const body of ['{"detail":"x"}', '{"message":"nope"}', '{"error":"failed"}', 'text', ''])
      expect(parseOpenAIErrorBody(Buffer.from(body), 400).openAIShaped).toBe(false);
  });
});
