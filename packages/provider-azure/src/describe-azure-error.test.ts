import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { parseOpenAIErrorBody } from '@multi-ai-proxy/provider-openai/internal';
import { describe, expect, it } from 'vitest';
import { describeAzureError } from './describe-azure-error.js';

describe('describeAzureError', () => {
  it('names the content-filter categories that fired (recorded 400)', () => {
    const detail = parseOpenAIErrorBody(
      readUpstreamFixture('azure', 'error.400-content-filter.json'),
      400,
    );
    expect(describeAzureError(detail, 400, 'gpt-4o', 'chat')).toBe(
      '[content filter: sexual (high) filtered]',
    );
  });

  it('points chat failures of deployments without chat completions (unlisted Responses-only ones, Claude) to where they are served', () => {
    const detail = parseOpenAIErrorBody(
      Buffer.from(
        '{"error":{"code":"OperationNotSupported","message":"The chatCompletion operation does not work with the specified model"}}',
      ),
      400,
    );
    expect(describeAzureError(detail, 400, 'my-codex', 'chat')).toMatch(
      /AZURE_OPENAI_RESPONSES_ONLY_MODELS.*POST \/v1\/responses/,
    );
    expect(describeAzureError(detail, 400, 'my-codex', 'embeddings')).toBeUndefined();
    expect(describeAzureError(detail, 404, 'claude-sonnet-4-5', 'chat')).toMatch(
      /Anthropic Messages API/,
    );
    const other = parseOpenAIErrorBody(
      Buffer.from('{"error":{"code":"invalid_value","message":"Bad temperature"}}'),
      400,
    );
    expect(describeAzureError(other, 400, 'gpt-4o', 'chat')).toBeUndefined();
    expect(describeAzureError(detail, 429, 'o3-pro', 'chat')).toBeUndefined();
  });
});
