import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPluginPackages } from './find-plugin-packages.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function pluginFolder(packages: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'map-find-plugins-'));
  dirs.push(dir);
  for (const [name, manifest] of Object.entries(packages)) {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', name, 'package.json'),
      typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
    );
  }
  return dir;
}

describe('findPluginPackages', () => {
  it('lists packages carrying the plugin keyword, scoped ones included, each once and in folder order', () => {
    const first = pluginFolder({
      'provider-echo': { name: 'provider-echo', keywords: ['multi-ai-proxy-plugin'] },
      '@acme/provider-x': { name: '@acme/provider-x', keywords: ['llm', 'multi-ai-proxy-plugin'] },
      'left-pad': { name: 'left-pad', keywords: ['string'] },
      broken: '{not json',
    });
    const second = pluginFolder({
      'provider-echo': { name: 'provider-echo', keywords: ['multi-ai-proxy-plugin'] },
      zeta: { keywords: ['multi-ai-proxy-plugin'] },
    });
    expect(findPluginPackages([first, second])).toEqual([
      '@acme/provider-x',
      'provider-echo',
      'zeta',
    ]);
  });

  it('finds nothing in a folder without node_modules', () => {
    expect(findPluginPackages([join(tmpdir(), 'map-no-such-folder')])).toEqual([]);
  });
});
