import { describe, expect, it } from 'vitest';
import { findUnknownGatewayVariables } from './find-unknown-gateway-variables.js';

describe('findUnknownGatewayVariables', () => {
  it('reports a misspelt gateway variable with the one it probably means', () => {
    expect(findUnknownGatewayVariables({ MULTI_AI_PROXY_WORKER: '4', PATH: '/bin' })).toEqual([
      { name: 'MULTI_AI_PROXY_WORKER', suggestion: 'MULTI_AI_PROXY_WORKERS' },
    ]);
  });

  it('reports an unrelated name without a suggestion', () => {
    expect(findUnknownGatewayVariables({ MULTI_AI_PROXY_SOMETHING_ELSE_ENTIRELY: 'x' })).toEqual([
      { name: 'MULTI_AI_PROXY_SOMETHING_ELSE_ENTIRELY' },
    ]);
  });

  it('leaves known variables, other prefixes and variables the config file reads alone', () => {
    expect(
      findUnknownGatewayVariables(
        { MULTI_AI_PROXY_WORKERS: '2', AZURE_OPENAI_KEY: 'k', MULTI_AI_PROXY_ADMIN_KEY: 'secret' },
        new Set(['MULTI_AI_PROXY_ADMIN_KEY']),
      ),
    ).toEqual([]);
  });

  it('reports a variable the config file does not read', () => {
    expect(
      findUnknownGatewayVariables({ MULTI_AI_PROXY_ADMIN_KEY: 'secret' }, new Set(['OTHER'])),
    ).toEqual([{ name: 'MULTI_AI_PROXY_ADMIN_KEY' }]);
  });
});
