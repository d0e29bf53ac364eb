import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginNotInstalledError } from '@multi-ai-proxy/core';
import { resolve as resolveModule } from 'import-meta-resolve';

/**
 * Resolves a plugin the way Node's ESM loader would from each search folder in turn (the operator's
 * plugin folders first, then the gateway's own), then imports it. Resolution and import are separate
 * so a broken plugin is not reported as a missing one. An absolute path (a plugin folder or file not
 * installed as a package) is accepted too; the config loader makes relative paths absolute.
 */
export async function importPluginModule(
  specifier: string,
  configKey: string,
  searchDirs: readonly string[],
): Promise<unknown> {
  const resolved = isAbsolute(specifier)
    ? resolvePath(specifier)
    : resolveBare(specifier, searchDirs);
  if (resolved === undefined)
    throw new PluginNotInstalledError(
      specifier,
      configKey,
      isAbsolute(specifier) ? [specifier] : searchDirs,
    );
  return import(resolved);
}

function resolveBare(specifier: string, searchDirs: readonly string[]): string | undefined {
  for (const dir of searchDirs) {
    try {
      return resolveModule(specifier, pathToFileURL(join(dir, 'package.json')).href);
    } catch {
      // Not installed under this folder; try the next one.
    }
  }
  return undefined;
}

// A folder is entered through its package.json ("exports" "." import/default, else "main", else index.js).
function resolvePath(path: string): string | undefined {
  try {
    if (!statSync(path).isDirectory()) return pathToFileURL(path).href;
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
      exports?: unknown;
      main?: string;
    };
    const root =
      typeof manifest.exports === 'object' && manifest.exports !== null && '.' in manifest.exports
        ? (manifest.exports as Record<string, unknown>)['.']
        : manifest.exports;
    const entry =
      typeof root === 'string'
        ? root
        : typeof root === 'object' && root !== null
          ? ((root as Record<string, unknown>).import ?? (root as Record<string, unknown>).default)
          : undefined;
    return pathToFileURL(
      join(path, typeof entry === 'string' ? entry : (manifest.main ?? 'index.js')),
    ).href;
  } catch {
    return undefined;
  }
}
