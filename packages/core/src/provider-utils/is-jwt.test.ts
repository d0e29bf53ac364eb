import { describe, expect, it } from 'vitest';
import { isJwt } from './is-jwt.js';

describe('isJwt', () => {
  it('tells an Entra ID token from an API key', () => {
    expect(
      isJwt(
        'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzIn0.c2lnbmF0dXJl',
      ),
    ).toBe(true);
    expect(isJwt('0123456789abcdef0123456789abcdef')).toBe(false);
    expect(isJwt('sk-proj-abc.def')).toBe(false);
    // Three dot-separated parts are not enough: a JWT header is base64url JSON, so it starts with "ey".
    expect(isJwt('abc123.def456.ghi789')).toBe(false);
  });
});
