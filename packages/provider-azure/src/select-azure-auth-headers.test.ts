import { GatewayError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { selectAzureAuthHeaders } from './select-azure-auth-headers.js';
import { selectServerlessAuthHeaders } from './select-serverless-auth-headers.js';

// A syntactically valid JWT (header.payload.signature), not a real token.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl';

describe('selectAzureAuthHeaders (scenario 5)', () => {
  it('prefers api-key over Authorization, turns a plain bearer into api-key, keeps a JWT as Bearer', () => {
    expect(selectAzureAuthHeaders(undefined, { apiKey: 'A', bearer: 'B' })).toEqual({
      'api-key': 'A',
    });
    expect(selectAzureAuthHeaders(undefined, { bearer: 'B2' })).toEqual({ 'api-key': 'B2' });
    expect(selectAzureAuthHeaders(undefined, { bearer: JWT })).toEqual({
      authorization: `Bearer ${JWT}`,
    });
    expect(selectAzureAuthHeaders(undefined, undefined)).toEqual({});
  });

  it('uses the server-side key instead of any client credential', () => {
    expect(selectAzureAuthHeaders('server', { apiKey: 'A', bearer: JWT })).toEqual({
      'api-key': 'server',
    });
  });
});

describe('selectServerlessAuthHeaders', () => {
  const deployment = { model: 'mistral-large', name: 'M', region: 'r', apiKey: 'S' };
  it('sends the configured key as Bearer, else the client key, else refuses', () => {
    expect(selectServerlessAuthHeaders(deployment, { apiKey: 'K' })).toEqual({
      authorization: 'Bearer S',
    });
    expect(
      selectServerlessAuthHeaders({ ...deployment, apiKey: undefined }, { bearer: 'K' }),
    ).toEqual({ authorization: 'Bearer K' });
    try {
      selectServerlessAuthHeaders({ ...deployment, apiKey: undefined }, undefined);
      expect.unreachable();
    } catch (error) {
      expect(GatewayError.isInstance(error) && error.status).toBe(401);
      expect((error as Error).message).toContain('AZURE_OPENAI_KEY_MISTRAL_LARGE');
    }
  });
});
