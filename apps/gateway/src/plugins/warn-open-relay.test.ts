import { describe, expect, it } from 'vitest';
import { holdsServerSideCredential } from './warn-open-relay.js';

describe('holdsServerSideCredential', () => {
  it('is true for an Azure serverless deployment with its own key, false when every deployment uses client keys', () => {
    const serverless = (apiKey: string | undefined) => ({
      apiKey: undefined,
      serverlessDeployments: new Map([['mistral-large', { name: 'M', region: 'eu', apiKey }]]),
    });
    expect(holdsServerSideCredential('@multi-ai-proxy/provider-azure', serverless('k'))).toBe(true);
    expect(holdsServerSideCredential('@multi-ai-proxy/provider-azure', serverless(undefined))).toBe(
      false,
    );
  });

  it('is true for every Vertex AI instance (all its auth modes are the server’s) and false for plugins it does not know', () => {
    expect(
      holdsServerSideCredential('@multi-ai-proxy/provider-vertex', {
        auth: { kind: 'application-default' },
      }),
    ).toBe(true);
    expect(holdsServerSideCredential('multi-ai-proxy-provider-echo', { apiKey: 'k' })).toBe(false);
  });

  it('needs a non-blank apiKey for Google AI Studio and OpenAI', () => {
    expect(holdsServerSideCredential('@multi-ai-proxy/provider-google', { apiKey: 'k' })).toBe(
      true,
    );
    expect(holdsServerSideCredential('@multi-ai-proxy/provider-openai', { apiKey: ' ' })).toBe(
      false,
    );
    expect(holdsServerSideCredential('@multi-ai-proxy/provider-openai', undefined)).toBe(false);
  });
});
