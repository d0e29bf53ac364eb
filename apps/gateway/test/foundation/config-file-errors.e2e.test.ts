import { describe, expect, it } from 'vitest';
import { startGateway } from '../support/start-gateway.js';

describe('a config file with a mistake stops startup naming the key, the problem and the fix', () => {
  it('a misspelt key inside a provider entry (options written "option") is not silently ignored', async () => {
    const config = {
      providers: [
        {
          name: 'oa',
          package: '@multi-ai-proxy/provider-openai',
          option: { endpoint: 'http://127.0.0.1:9' },
        },
      ],
    };
    await expect(startGateway({ config })).rejects.toThrow(
      /startup failed: MULTI_AI_PROXY_CONFIG: \S+gateway\.yaml: providers\[0\] has unknown key "option" \(expected name, package, options\); fix the spelling or remove it\./,
    );
  });

  it('every problem of the file in one message', async () => {
    const config = {
      defaultProvider: 'oa',
      providers: [{ name: 'OA', package: '' }],
      routes: { fast: 'gpt-4o' },
    };
    const failure = startGateway({ config });
    await expect(failure).rejects.toThrow(
      'providers[0].name must be a lower-case instance name (letters, digits, ".", "_", "-").',
    );
    await expect(failure).rejects.toThrow('providers[0].package must name the plugin package');
    await expect(failure).rejects.toThrow(
      'routes.fast must be "instance/upstream-model" (e.g. "google/gemini-2.5-flash") or the name of a model group in models.',
    );
  });
});
