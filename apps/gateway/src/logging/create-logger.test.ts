import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('info', destination as never), lines };
}

describe('createLogger', () => {
  it('logs errors as name, message, code and status only, never their request options', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      options: {
        headers: { 'api-key': 'SECRET-API-KEY', authorization: 'Bearer SECRET-BEARER' },
        url: 'https://x.example/?key=AIzaSECRET',
      },
    });
    logger.error({ err: error }, 'failed');
    logger.warn({ error }, 'failed again');
    const text = lines.join('');
    expect(text).not.toMatch(/SECRET/);
    expect(JSON.parse(lines[0] as string).err).toEqual({
      name: 'Error',
      message: 'connect ECONNREFUSED',
      code: 'ECONNREFUSED',
    });
  });

  it('redacts credential fields wherever a caller puts them', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        apiKey: 'k1',
        headers: { authorization: 'Bearer t', 'api-key': 'k2', 'x-goog-api-key': 'k3' },
        nested: { token: 't2', privateKey: 'pk' },
      },
      'x',
    );
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      apiKey: '[redacted]',
      headers: {
        authorization: '[redacted]',
        'api-key': '[redacted]',
        'x-goog-api-key': '[redacted]',
      },
      nested: { token: '[redacted]', privateKey: '[redacted]' },
    });
  });
});
