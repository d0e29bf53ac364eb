import { UpstreamTimeoutError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { toGatewayError } from './to-gateway-error.js';

const summary = (error: unknown) => {
  const mapped = toGatewayError(error);
  return [mapped.status, mapped.code, mapped.expose];
};

describe('toGatewayError', () => {
  it.each([
    [
      'koa-body size limit',
      Object.assign(new Error('request entity too large'), {
        status: 413,
        type: 'entity.too.large',
      }),
      [413, 'request_too_large', true],
    ],
    [
      'malformed JSON',
      Object.assign(new Error('Unexpected token } in JSON'), {
        status: 400,
        type: 'entity.parse.failed',
      }),
      [400, 'invalid_json', true],
    ],
    [
      'corrupt gzip body',
      Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' }),
      [400, 'invalid_json', true],
    ],
    [
      'JSON nested too deep',
      new RangeError('Maximum call stack size exceeded'),
      [400, 'invalid_json', true],
    ],
    [
      '__proto__ key',
      Object.assign(new SyntaxError('Object contains forbidden prototype property'), {
        status: 400,
      }),
      [400, 'invalid_json', true],
    ],
    [
      'a gateway error wrapped by got',
      Object.assign(new Error('wrapped'), {
        cause: new UpstreamTimeoutError('azure', 'res.example', 100),
      }),
      [504, 'upstream_timeout', true],
    ],
    ['anything else', new TypeError('x is undefined'), [500, null, false]],
  ])('%s', (_name, error, expected) => {
    expect(summary(error)).toEqual(expected);
  });
});
