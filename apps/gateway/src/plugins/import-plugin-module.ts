import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { PluginNotInstalledError } from '@multi-ai-proxy/core';
import { resolve as resolveModule } from 'import-meta-resolve';

/**
 * Resolves a plugin package the way Node's ESM loader would from each search folder in turn (the
 * operator's plugin folders first, then the gateway's own), then imports it. Resolution and import
 * are separate so a broken plugin is not reported as a missing one.
 */
export async function importPluginModule(specifier: string, configKey: string, searchDirs: readonly string[]): Promise<unknown> {
  let resolved: string | undefined;
  for (const dir of searchDirs) {
    try {
      resolved = resolveModule(specifier, pathToFileURL(join(dir, 'package.json')).href);
      break;
    } catch {
      // Not installed under this folder; try the next one.
    }
  }
  if (resolved === undefined) throw new PluginNotInstalledError(specifier, configKey, searchDirs);
  return import(resolved);
}
