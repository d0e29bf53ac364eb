import {
  checkProviderError,
  type MockUpstream,
  startMockUpstream,
} from '@multi-ai-proxy/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type TestServiceAccount,
  verifyAssertion,
  writeServiceAccountKey,
} from '../test/service-account-key.js';
import { createServiceAccountAuth } from './create-service-account-auth.js';
import { parseVertexOptions } from './parse-vertex-options.js';
import type { VertexAuth } from './vertex-auth.js';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

describe('createServiceAccountAuth (JWT-bearer flow against the key file token_uri)', () => {
  let tokenEndpoint: MockUpstream;
  let issued: number;
  let account: TestServiceAccount;

  function authFor(keyAccount: TestServiceAccount): VertexAuth {
    const options = parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: keyAccount.path });
    if (options.auth.kind !== 'service-account') throw new Error('expected service-account auth');
    return createServiceAccountAuth(options.auth.key, 'vertex');
  }

  beforeEach(async () => {
    issued = 0;
    tokenEndpoint = await startMockUpstream([
      {
        method: 'POST',
        path: '/oauth/token',
        reply: () => {
          issued += 1;
          return {
            body: {
              access_token: `ya29.test-token-${issued}`,
              expires_in: 3600,
              token_type: 'Bearer',
            },
          };
        },
      },
    ]);
    account = writeServiceAccountKey({ tokenUri: `${tokenEndpoint.url}/oauth/token` });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await tokenEndpoint.close();
  });

  it('posts a signed RS256 assertion with the cloud-platform scope to token_uri and sends the token as Bearer', async () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = await authFor(account).authHeaders();

    expect(headers).toEqual({ authorization: 'Bearer ya29.test-token-1' });
    expect(tokenEndpoint.requests).toHaveLength(1);
    const request = tokenEndpoint.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request.text());
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');

    const { header, claims, signatureValid } = verifyAssertion(
      form.get('assertion') ?? '',
      account.publicKey,
    );
    expect(signatureValid).toBe(true);
    expect(header.alg).toBe('RS256');
    expect(claims.iss).toBe(account.clientEmail);
    expect(claims.scope).toBe(CLOUD_PLATFORM);
    // The audience is the endpoint the assertion is presented to, not Google's default one.
    expect(claims.aud).toBe(`${tokenEndpoint.url}/oauth/token`);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp).toBe((claims.iat as number) + 3600);
  });

  it('a signature made with another key does not verify (the check above can fail)', async () => {
    await authFor(account).authHeaders();
    const assertion = new URLSearchParams(tokenEndpoint.requests[0]!.text()).get('assertion') ?? '';
    const [header, payload, signature] = assertion.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ iss: 'someone-else' })).toString('base64url')}.${signature}`;
    expect(verifyAssertion(tampered, account.publicKey).signatureValid).toBe(false);
    expect(payload).toBeDefined();
  });

  it('reuses the cached token across requests', async () => {
    const auth = authFor(account);
    const first = await auth.authHeaders();
    const second = await auth.authHeaders();
    const third = await auth.authHeaders();
    expect([first, second, third].map((headers) => headers.authorization)).toEqual(
      Array(3).fill('Bearer ya29.test-token-1'),
    );
    expect(tokenEndpoint.requests).toHaveLength(1);
  });

  it('shares one token request among concurrent callers', async () => {
    tokenEndpoint.reset([
      {
        method: 'POST',
        path: '/oauth/token',
        reply: () => {
          issued += 1;
          return {
            delayMs: 150,
            body: { access_token: `ya29.test-token-${issued}`, expires_in: 3600 },
          };
        },
      },
    ]);
    const auth = authFor(account);
    const all = await Promise.all(Array.from({ length: 10 }, () => auth.authHeaders()));
    expect(new Set(all.map((headers) => headers.authorization))).toEqual(
      new Set(['Bearer ya29.test-token-1']),
    );
    expect(tokenEndpoint.requests).toHaveLength(1);
  });

  it('refreshes the token before it expires, then reuses the new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const auth = authFor(account);
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-1');

    // 50 minutes later the token still has 10 minutes: reused.
    vi.setSystemTime(start + 50 * 60_000);
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-1');
    expect(tokenEndpoint.requests).toHaveLength(1);

    // 4 minutes before expiry: inside the 5-minute margin, a new token is fetched.
    vi.setSystemTime(start + 56 * 60_000);
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-2');
    expect(tokenEndpoint.requests).toHaveLength(2);
    const claims = verifyAssertion(
      new URLSearchParams(tokenEndpoint.requests[1]!.text()).get('assertion') ?? '',
      account.publicKey,
    ).claims;
    expect(claims.iat).toBe(Math.floor((start + 56 * 60_000) / 1000));

    vi.setSystemTime(start + 57 * 60_000);
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-2');
    expect(tokenEndpoint.requests).toHaveLength(2);
  });

  it('does not reuse a token that expires within the 5-minute margin (expires_in 240 s)', async () => {
    tokenEndpoint.reset([
      {
        method: 'POST',
        path: '/oauth/token',
        reply: () => {
          issued += 1;
          return {
            body: {
              access_token: `ya29.test-token-${issued}`,
              expires_in: 240,
              token_type: 'Bearer',
            },
          };
        },
      },
    ]);
    const auth = authFor(account);
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-1');
    expect((await auth.authHeaders()).authorization).toBe('Bearer ya29.test-token-2');
    expect(tokenEndpoint.requests).toHaveLength(2);
  });

  it('turns a refused token request into a 401 OpenAI error without key material', async () => {
    tokenEndpoint.reset([
      {
        method: 'POST',
        path: '/oauth/token',
        reply: {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
        },
      },
    ]);
    const error = await authFor(account)
      .authHeaders()
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    const assertion = new URLSearchParams(tokenEndpoint.requests[0]!.text()).get('assertion') ?? '';
    const keyBody = account.privateKeyPem.split('\n')[1] ?? '';
    expect(
      checkProviderError(error, {
        status: 401,
        secrets: [assertion, keyBody, account.privateKeyPem],
      }),
    ).toEqual([]);
    expect(error).toMatchObject({
      status: 401,
      type: 'authentication_error',
      code: 'upstream_authentication_failed',
    });
    expect((error as Error).message).toContain('invalid_grant: Invalid JWT Signature.');
    // The library's error (its request body holds the assertion) is not kept as cause.
    expect((error as Error).cause).toBeUndefined();
    expect(tokenEndpoint.requests).toHaveLength(1);
  });

  it('turns a failing token endpoint into a 502 after one retry', async () => {
    tokenEndpoint.reset([
      {
        method: 'POST',
        path: '/oauth/token',
        reply: { status: 503, body: { error: 'temporarily_unavailable' } },
      },
    ]);
    const error = await authFor(account)
      .authHeaders()
      .catch((thrown: unknown) => thrown);
    expect(checkProviderError(error, { status: 502 })).toEqual([]);
    expect((error as Error).message).toContain(new URL(tokenEndpoint.url).host);
    expect(tokenEndpoint.requests).toHaveLength(2);
  });

  it('turns an unreachable token endpoint into a 502', async () => {
    const closed = await startMockUpstream();
    const url = closed.url;
    await closed.close();
    const error = await authFor(writeServiceAccountKey({ tokenUri: `${url}/token` }))
      .authHeaders()
      .catch((thrown: unknown) => thrown);
    expect(checkProviderError(error, { status: 502 })).toEqual([]);
    expect(error).toMatchObject({ code: 'upstream_unreachable' });
  });
});
