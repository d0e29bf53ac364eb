import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeServiceAccountKey } from '../test/service-account-key.js';
import { parseVertexOptions } from './parse-vertex-options.js';

function failure(run: () => unknown): { name: string; message: string; setting: string } {
  try {
    run();
  } catch (error) {
    return error as { name: string; message: string; setting: string };
  }
  throw new Error('expected parseVertexOptions to throw');
}

describe('parseVertexOptions', () => {
  it('takes project and token_uri from the key file, location us-central1 and API v1 by default', () => {
    const account = writeServiceAccountKey({ projectId: 'key-project' });
    const options = parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path });
    expect(options).toMatchObject({
      projectId: 'key-project',
      location: 'us-central1',
      baseUrl: 'https://us-central1-aiplatform.googleapis.com',
      apiVersion: 'v1',
      auth: {
        kind: 'service-account',
        keyFile: account.path,
        key: { clientEmail: account.clientEmail, tokenUri: 'https://oauth2.googleapis.com/token' },
      },
      modelPatterns: [
        'gemini-*',
        'imagen-*',
        'text-embedding-00*',
        'text-multilingual-embedding-*',
        'meta/*',
        'mistralai/*',
        'deepseek-ai/*',
        'qwen/*',
        'openai/*',
        'moonshotai/*',
        'minimaxai/*',
        'zai-org/*',
      ],
      modelsCacheTtlMs: 600_000,
      modelGarden: {
        publishers: [
          'meta',
          'mistralai',
          'deepseek-ai',
          'qwen',
          'openai',
          'moonshotai',
          'minimaxai',
          'zai-org',
        ],
        models: [],
        endpoints: [],
      },
    });
  });

  it('prefers VERTEX_AI_PROJECT_ID over the key file, and config-file options over env vars', () => {
    const account = writeServiceAccountKey({ projectId: 'key-project' });
    const env = {
      GOOGLE_APPLICATION_CREDENTIALS: account.path,
      VERTEX_AI_PROJECT_ID: 'env-project',
      VERTEX_AI_LOCATION: 'europe-west4',
    };
    expect(parseVertexOptions({}, env)).toMatchObject({
      projectId: 'env-project',
      location: 'europe-west4',
      baseUrl: 'https://europe-west4-aiplatform.googleapis.com',
    });
    expect(
      parseVertexOptions({ projectId: 'file-project', location: 'global' }, env),
    ).toMatchObject({
      projectId: 'file-project',
      location: 'global',
      baseUrl: 'https://aiplatform.googleapis.com',
    });
  });

  it.each([
    ['global', 'https://aiplatform.googleapis.com'],
    ['us', 'https://aiplatform.us.rep.googleapis.com'],
    ['eu', 'https://aiplatform.eu.rep.googleapis.com'],
  ])('location %s → %s', (location, baseUrl) => {
    const account = writeServiceAccountKey();
    expect(
      parseVertexOptions(
        {},
        { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_LOCATION: location },
      ).baseUrl,
    ).toBe(baseUrl);
  });

  it('VERTEX_AI_ENDPOINT overrides the base URL, keeping port and path prefix', () => {
    const account = writeServiceAccountKey();
    const options = parseVertexOptions(
      {},
      {
        GOOGLE_APPLICATION_CREDENTIALS: account.path,
        VERTEX_AI_ENDPOINT: 'http://127.0.0.1:9000/private/',
      },
    );
    expect(options.baseUrl).toBe('http://127.0.0.1:9000/private');
    expect(
      failure(() =>
        parseVertexOptions(
          {},
          { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_ENDPOINT: 'ftp://x' },
        ),
      ).setting,
    ).toBe('VERTEX_AI_ENDPOINT');
    expect(
      failure(() =>
        parseVertexOptions(
          {},
          { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_ENDPOINT: 'not a url' },
        ),
      ).setting,
    ).toBe('VERTEX_AI_ENDPOINT');
  });

  it('keeps key material out of JSON and inspect output of the parsed options', async () => {
    const { inspect } = await import('node:util');
    const account = writeServiceAccountKey();
    const keyLine = account.privateKeyPem.split('\n')[1]!;
    const options = parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path });
    expect(options.auth.kind === 'service-account' && options.auth.key.privateKey).toBe(
      account.privateKeyPem,
    );
    expect(JSON.stringify(options)).not.toContain(keyLine);
    expect(inspect(options, { depth: 10 })).not.toContain(keyLine);
    const express = parseVertexOptions({}, { VERTEX_AI_API_KEY: 'AQ.hidden-express-key' });
    expect(express.auth.kind === 'api-key' && express.auth.apiKey).toBe('AQ.hidden-express-key');
    expect(JSON.stringify(express)).not.toContain('hidden-express-key');
    expect(inspect(express, { depth: 10 })).not.toContain('hidden-express-key');
  });

  it('uses express mode with VERTEX_AI_API_KEY alone: global host, no project', () => {
    const options = parseVertexOptions(
      {},
      {
        VERTEX_AI_API_KEY: 'AQ.express-key',
        VERTEX_AI_PROJECT_ID: 'ignored',
        VERTEX_AI_LOCATION: 'europe-west4',
      },
    );
    expect(options).toMatchObject({
      auth: { kind: 'api-key' },
      projectId: undefined,
      baseUrl: 'https://aiplatform.googleapis.com',
    });
    expect(options.auth.kind === 'api-key' && options.auth.apiKey).toBe('AQ.express-key');
  });

  it('prefers the key file when both a key file and an API key are set', () => {
    const account = writeServiceAccountKey();
    expect(
      parseVertexOptions(
        {},
        { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_API_KEY: 'k' },
      ).auth.kind,
    ).toBe('service-account');
    expect(
      parseVertexOptions(
        { auth: 'api-key' },
        { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_API_KEY: 'k' },
      ).auth.kind,
    ).toBe('api-key');
  });

  it('falls back to Application Default Credentials without key file or API key', () => {
    expect(parseVertexOptions({}, { VERTEX_AI_PROJECT_ID: 'p' })).toMatchObject({
      auth: { kind: 'application-default', keyFile: undefined },
      projectId: 'p',
    });
  });

  it('hands credentials files of other types (authorized_user…) to ADC', () => {
    const account = writeServiceAccountKey();
    writeFileSync(
      account.path,
      JSON.stringify({
        type: 'authorized_user',
        client_id: 'c',
        client_secret: 's',
        refresh_token: 'r',
      }),
    );
    expect(
      parseVertexOptions(
        {},
        { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_PROJECT_ID: 'p' },
      ).auth,
    ).toEqual({ kind: 'application-default', keyFile: account.path });
  });

  describe('fails at startup naming the setting, never echoing a key', () => {
    it('for a key file that does not exist', () => {
      const error = failure(() =>
        parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json' }),
      );
      expect(error.name).toBe('InvalidPluginOptionsError');
      expect(error.setting).toBe('GOOGLE_APPLICATION_CREDENTIALS');
      expect(error.message).toContain('/nonexistent/key.json');
      expect(error.message).toContain('does not exist');
    });

    it('for a key file that is a directory (unreadable)', () => {
      const account = writeServiceAccountKey();
      const directory = account.path.replace(/key\.json$/, '');
      expect(
        failure(() => parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: directory }))
          .message,
      ).toMatch(/GOOGLE_APPLICATION_CREDENTIALS .*cannot be read \(EISDIR\)/);
    });

    it('for a key file that is not JSON', () => {
      const account = writeServiceAccountKey();
      writeFileSync(account.path, '-----BEGIN PRIVATE KEY-----\nabc\n');
      const error = failure(() =>
        parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path }),
      );
      expect(error.message).toContain('not valid JSON');
      expect(error.message).not.toContain('abc');
    });

    it('for a service-account key without private_key', () => {
      const account = writeServiceAccountKey({ omit: ['private_key'] });
      const error = failure(() =>
        parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path }),
      );
      expect(error.setting).toBe('GOOGLE_APPLICATION_CREDENTIALS');
      expect(error.message).toContain('without "private_key"');
    });

    it('for a private_key that is not a PEM key, without quoting it', () => {
      const account = writeServiceAccountKey();
      writeFileSync(
        account.path,
        JSON.stringify({
          type: 'service_account',
          project_id: 'p',
          client_email: 'a@b',
          private_key: 'SECRET-NOT-PEM-VALUE',
        }),
      );
      const error = failure(() =>
        parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path }),
      );
      expect(error.message).toContain('not a valid PEM private key');
      expect(error.message).not.toContain('SECRET-NOT-PEM-VALUE');
    });

    it('for a token_uri over plain http to a non-loopback host', () => {
      const account = writeServiceAccountKey({ tokenUri: 'http://tokens.example.com/token' });
      expect(
        failure(() => parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path }))
          .message,
      ).toContain('"token_uri" must use https');
    });

    it('for a key without project_id and no VERTEX_AI_PROJECT_ID', () => {
      const account = writeServiceAccountKey({ projectId: null });
      expect(
        failure(() => parseVertexOptions({}, { GOOGLE_APPLICATION_CREDENTIALS: account.path }))
          .setting,
      ).toBe('VERTEX_AI_PROJECT_ID');
    });

    it('for auth "api-key" without VERTEX_AI_API_KEY, and "service-account" without a key file', () => {
      expect(failure(() => parseVertexOptions({ auth: 'api-key' }, {})).setting).toBe(
        'VERTEX_AI_API_KEY',
      );
      expect(
        failure(() =>
          parseVertexOptions({ auth: 'service-account' }, { VERTEX_AI_PROJECT_ID: 'p' }),
        ).setting,
      ).toBe('GOOGLE_APPLICATION_CREDENTIALS');
    });

    it('for a location or project that could change the URL', () => {
      const account = writeServiceAccountKey();
      expect(
        failure(() =>
          parseVertexOptions(
            {},
            { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_LOCATION: 'evil.com/x' },
          ),
        ).setting,
      ).toBe('VERTEX_AI_LOCATION');
      expect(
        failure(() =>
          parseVertexOptions(
            {},
            { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_PROJECT_ID: 'p/../x' },
          ),
        ).setting,
      ).toBe('VERTEX_AI_PROJECT_ID');
      expect(
        failure(() =>
          parseVertexOptions(
            {},
            { GOOGLE_APPLICATION_CREDENTIALS: account.path, VERTEX_AI_API_VERSION: 'v2' },
          ),
        ).setting,
      ).toBe('VERTEX_AI_API_VERSION');
    });
  });

  it('merges alias overrides from env and config file over the defaults (empty/null removes one)', () => {
    const options = parseVertexOptions(
      { aliases: { 'Text-Bison': 'gemini-2.5-pro', 'embedding-gecko': null } },
      {
        VERTEX_AI_PROJECT_ID: 'p',
        VERTEX_AI_API_KEY: 'k',
        VERTEX_AI_MODEL_ALIASES: 'my-chat=gemini-2.5-flash-lite, chat-bison=',
      },
    );
    expect(options.modelAliases['text-bison']).toBe('gemini-2.5-pro');
    expect(options.modelAliases['my-chat']).toBe('gemini-2.5-flash-lite');
    expect(options.modelAliases['chat-bison']).toBeUndefined();
    expect(options.modelAliases['embedding-gecko']).toBeUndefined();
    expect(options.modelAliases['embedding-gecko-multilingual']).toBe(
      'text-multilingual-embedding-002',
    );
    expect(
      failure(() =>
        parseVertexOptions({}, { VERTEX_AI_API_KEY: 'k', VERTEX_AI_MODEL_ALIASES: 'nonsense' }),
      ).setting,
    ).toBe('VERTEX_AI_MODEL_ALIASES');
  });

  it('lets modelPatterns be replaced (an empty list yields gemini-* to provider-google)', () => {
    expect(
      parseVertexOptions({ modelPatterns: [] }, { VERTEX_AI_API_KEY: 'k' }).modelPatterns,
    ).toEqual([]);
    expect(
      parseVertexOptions(
        {},
        { VERTEX_AI_API_KEY: 'k', VERTEX_AI_MODEL_PATTERNS: 'gemini-2.5-*, text-embedding-005' },
      ).modelPatterns,
    ).toEqual(['gemini-2.5-*', 'text-embedding-005']);
  });

  it('reads booleans and null by the shared rules of core (on/off, null = not set), as provider-google does', () => {
    const options = parseVertexOptions(
      { location: null, remoteMedia: { enabled: 'off' } },
      { VERTEX_AI_API_KEY: 'k', VERTEX_AI_ALLOW_PRIVATE_IMAGE_URLS: 'ON' },
    );
    expect(options.location).toBe('us-central1');
    expect(options.remoteMedia).toMatchObject({ enabled: false, allowPrivateNetwork: true });
    expect(
      failure(() =>
        parseVertexOptions({}, { VERTEX_AI_API_KEY: 'k', VERTEX_AI_FETCH_IMAGE_URLS: 'maybe' }),
      ).setting,
    ).toBe('VERTEX_AI_FETCH_IMAGE_URLS');
    expect(
      failure(() => parseVertexOptions({ location: 'evil.com/x' }, { VERTEX_AI_API_KEY: 'k' }))
        .setting,
    ).toBe('options.location');
  });
});
