import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A plugin folder as an operator prepares it (`npm install <plugin>` into /opt/plugins): a
 * node_modules holding the given packages, here linked to their built workspace folders. The gateway
 * finds them through `pluginDir` / MULTI_AI_PROXY_PLUGIN_DIR only — they are not its dependencies.
 */
export function createPluginDir(packages: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'map-plugins-'));
  for (const [name, folder] of Object.entries(packages)) {
    const target = join(dir, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(folder, target, 'dir');
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
