import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The keyword a plugin's package.json carries so the gateway can find it in a plugin folder. */
export const PLUGIN_KEYWORD = 'multi-ai-proxy-plugin';

/**
 * Package names under `<dir>/node_modules` (scoped ones included) whose package.json lists the
 * `multi-ai-proxy-plugin` keyword, for each folder in order, each name once. Unreadable entries are
 * skipped: a plugin folder may hold other packages (a plugin's own dependencies).
 */
export function findPluginPackages(dirs: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    const modules = join(dir, 'node_modules');
    for (const entry of list(modules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? list(join(modules, entry)).map((name) => `${entry}/${name}`)
        : [entry];
      for (const name of names) {
        if (!found.includes(name) && hasPluginKeyword(join(modules, name))) found.push(name);
      }
    }
  }
  return found;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function hasPluginKeyword(packageDir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      keywords?: unknown;
    };
    return Array.isArray(manifest.keywords) && manifest.keywords.includes(PLUGIN_KEYWORD);
  } catch {
    return false;
  }
}
