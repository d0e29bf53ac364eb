import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakePlugin } from './__fixtures__/fake-openai-compatible-plugin.js';
import { checkPluginManifest } from './check-plugin-manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'map-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function packageJson(content: Record<string, unknown>): string {
  const path = join(dir, `${Object.values(content).join('-')}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('checkPluginManifest with packageJson', () => {
  const env = { FAKE_ENDPOINT: 'http://127.0.0.1:9' };

  it("accepts a manifest whose packageName and version are package.json's", async () => {
    const { plugin } = await checkPluginManifest(createFakePlugin(), {
      packageName: 'fake-provider',
      env,
      packageJson: packageJson({ name: 'fake-provider', version: '1.0.0' }),
    });
    expect(plugin.version).toBe('1.0.0');
  });

  it('names the field that drifted from package.json', async () => {
    await expect(
      checkPluginManifest(createFakePlugin(), {
        packageName: 'fake-provider',
        env,
        packageJson: packageJson({ name: 'fake-provider', version: '1.0.1' }),
      }),
    ).rejects.toThrow(`manifest version "1.0.0" differs from package.json's version "1.0.1"`);
    await expect(
      checkPluginManifest(createFakePlugin(), {
        packageName: 'fake-provider',
        env,
        packageJson: packageJson({ name: 'other', version: '1.0.0' }),
      }),
    ).rejects.toThrow(
      `manifest packageName "fake-provider" differs from package.json's name "other"`,
    );
  });
});
