import { readFixtureText } from '@multi-ai-proxy/core/testing';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';
import { describe, expect, it } from 'vitest';
import { mapAnthropicError } from './map-anthropic-error.js';

const overloaded = readFixtureText(upstreamFixture('anthropic', 'error.529-overloaded.json'));

describe('mapAnthropicError', () => {
  it('the recorded overloaded_error keeps 529 and is retryable', () => {
    const error = mapAnthropicError({
      provider: 'anthropic',
      label: 'Anthropic',
      status: 529,
      body: overloaded,
    });
    expect(error).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      code: 'overloaded_error',
      message: 'Overloaded',
      isRetryable: true,
    });
  });
  it("Foundry's 503 for an overloaded model stays 503 (retryable)", () => {
    expect(
      mapAnthropicError({
        provider: 'a',
        label: 'Azure AI Foundry',
        status: 503,
        body: overloaded,
      }),
    ).toMatchObject({ status: 503, isRetryable: true });
  });
  it('keeps retry-after and rate-limit headers of a 429', () => {
    const error = mapAnthropicError({
      provider: 'a',
      label: 'Anthropic',
      status: 429,
      body: '{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}',
      headers: { 'retry-after': '7', 'x-api-key': 'never' },
    });
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      headers: { 'retry-after': '7' },
    });
    expect(JSON.stringify(error.headers)).not.toContain('never');
  });
  it("Google's envelope (Vertex before Claude sees the call) names the failure by its status", () => {
    const error = mapAnthropicError({
      provider: 'a',
      label: 'Vertex AI',
      status: 403,
      body: '{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}',
    });
    expect(error).toMatchObject({
      status: 403,
      type: 'permission_error',
      message: 'Permission denied',
    });
  });
  it('a body that is not JSON gets a message naming the upstream and status', () => {
    expect(
      mapAnthropicError({ provider: 'a', label: 'Azure AI Foundry', status: 500, body: '<html>' }),
    ).toMatchObject({ status: 500, message: 'Azure AI Foundry answered HTTP 500.' });
  });
});
