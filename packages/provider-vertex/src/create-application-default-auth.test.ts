import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApplicationDefaultAuth } from './create-application-default-auth.js';

describe('createApplicationDefaultAuth', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails at startup, naming GOOGLE_APPLICATION_CREDENTIALS, when no credentials exist anywhere', async () => {
    // An empty home (no gcloud credentials), no key file, and no metadata server to probe.
    vi.stubEnv('HOME', mkdtempSync(join(tmpdir(), 'vertex-adc-')));
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', undefined);
    vi.stubEnv('CLOUDSDK_CONFIG', undefined);
    vi.stubEnv('METADATA_SERVER_DETECTION', 'none');
    const error = await createApplicationDefaultAuth('vertex', undefined).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      name: 'InvalidPluginOptionsError',
      setting: 'GOOGLE_APPLICATION_CREDENTIALS',
    });
    expect((error as Error).message).toContain('no Application Default Credentials were found');
    expect((error as Error).message).toContain('VERTEX_AI_API_KEY');
  });
});
