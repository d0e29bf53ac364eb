import { GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { formatAnthropicErrorEvent } from './format-anthropic-error-event.js';

describe('formatAnthropicErrorEvent', () => {
  it("frames the router's mid-stream failure as a named `error` event in Anthropic's envelope", () => {
    const failure = new GatewayError({
      status: 502,
      type: 'api_error',
      code: 'upstream_stream_failed',
      message: 'The upstream stream failed after it started; the answer is incomplete.',
      expose: true,
    });
    const text = formatAnthropicErrorEvent(failure);
    expect(text.endsWith('\n\n')).toBe(true);
    const [event, data] = text.trimEnd().split('\n');
    expect(event).toBe('event: error');
    expect(JSON.parse(data!.slice('data: '.length))).toEqual({
      type: 'error',
      error: {
        type: 'api_error',
        message: 'The upstream stream failed after it started; the answer is incomplete.',
      },
    });
  });

  it('says overloaded_error for a 529 and hides the message of an error not meant for clients', () => {
    const data = (error: unknown) =>
      JSON.parse(formatAnthropicErrorEvent(error).split('\n')[1]!.slice('data: '.length));
    expect(
      data(
        new GatewayError({
          status: 529,
          type: 'overloaded_error',
          message: 'Overloaded',
          expose: true,
        }),
      ),
    ).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(data(new Error('secret detail'))).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'The gateway could not complete the request.' },
    });
  });
});
