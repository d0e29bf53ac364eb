import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGES_DIR = resolve(import.meta.dirname, '../../../../packages');
const destination = mkdtempSync(join(tmpdir(), 'map-pack-'));
afterAll(() => rmSync(destination, { recursive: true, force: true }));

interface Manifest {
  name: string;
  exports: Record<string, string | { types: string; import: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Each publishable package packs to a tarball a user can install: bundled dist + types + README, no tests, no workspace ranges. */
describe.each(readdirSync(PACKAGES_DIR))('npm pack of packages/%s', (folder) => {
  it('holds dist, types and README, every export target, and nothing of the tests', () => {
    const output = execFileSync('pnpm', ['pack', '--pack-destination', destination, '--json'], {
      cwd: join(PACKAGES_DIR, folder),
      encoding: 'utf8',
    });
    const tarball = (JSON.parse(output) as { filename: string }).filename;
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const manifest = JSON.parse(
      execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], { encoding: 'utf8' }),
    ) as Manifest;

    expect(entries).toContain('package/README.md');
    expect(entries).toContain('package/package.json');
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (subpath === './package.json' || typeof target === 'string') continue;
      expect(entries, `${manifest.name} export ${subpath}`).toContain(
        `package/${target.import.replace('./', '')}`,
      );
      expect(entries, `${manifest.name} export ${subpath} types`).toContain(
        `package/${target.types.replace('./', '')}`,
      );
    }
    // Bundled (scripts/bundle-dist.mjs): the JavaScript is each export's file and the chunks beside it
    // (shared code, lazily imported modules: name-HASH.js), not tsc's per-file output, so an
    // installed package costs Node's loader a few modules.
    const exportFiles = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [] : [`package/${target.import.replace('./', '')}`],
    );
    expect(
      entries.filter(
        (entry) =>
          entry.endsWith('.js') &&
          !exportFiles.includes(entry) &&
          !/^package\/dist\/[\w-]+-[A-Z0-9]{8}\.js$/.test(entry),
      ),
    ).toEqual([]);
    expect(
      entries.filter((entry) =>
        /\.test\.|__fixtures__|\/src\/|tsconfig|vitest\.config/.test(entry),
      ),
    ).toEqual([]);
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.values(ranges).filter((range) => range.startsWith('workspace:'))).toEqual([]);
  });
});
