#!/usr/bin/env node
// Second step of every workspace package's `build` (the first is `tsc -p tsconfig.build.json`, which
// writes the .d.ts files to dist/ and the per-file JavaScript to build/): bundles build/ into one ES
// module per entry point in dist/, so the running gateway loads a handful of files instead of
// hundreds (Node's ESM loader pays per module: start-up, BENCHMARKS.md "Start-up").
//
//   node ../../scripts/bundle-dist.mjs [extra-entry.js ...]
//
// Entry points: every `./dist/*.js` that package.json's `main` and `exports` name, plus the extra
// paths given (relative to dist/, for files loaded by path such as a module-loader hook). Shared code
// goes to dist/chunk-*.js (code splitting), so a class is defined once however many entries use it.
// Chunks sit in dist/ itself: code that finds files from import.meta.url sees the same folder depth
// from any output file. Every bare import (node_modules packages, other workspace packages) stays an
// import: a package is loaded only where, and only when, the code imports it, as before.
// bundle-dist.mjs is run with the package folder as working directory (pnpm runs scripts there).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const TSC_OUT = 'build';
const DIST = 'dist';

function entryTargets(manifest) {
  const targets = new Set();
  const visit = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith(`./${DIST}/`) && value.endsWith('.js')) targets.add(value.slice(2));
    } else if (value && typeof value === 'object')
      for (const nested of Object.values(value)) visit(nested);
  };
  visit(manifest.main);
  visit(manifest.exports);
  return [...targets];
}

/** Every `types` file package.json names (`types`, `exports[…].types`). */
function declaredTypes(manifest) {
  const paths = new Set();
  const visit = (value, key) => {
    if (typeof value === 'string') {
      if (key === 'types' && value.endsWith('.d.ts')) paths.add(value.replace(/^\.\//, ''));
    } else if (value && typeof value === 'object')
      for (const [name, nested] of Object.entries(value)) visit(nested, name);
  };
  visit(manifest.types, 'types');
  visit(manifest.exports, undefined);
  return [...paths];
}

/** tsc no longer writes JavaScript to dist/: what is there came from an earlier build. */
function removeOldJavaScript(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeOldJavaScript(path);
    else if (/\.js(\.map)?$|^\.tsbuildinfo$/.test(entry.name)) rmSync(path);
  }
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const extra = process.argv.slice(2).map((path) => join(DIST, path));
const entryPoints = [...entryTargets(manifest), ...extra].map((target) =>
  join(TSC_OUT, target.slice(DIST.length + 1)),
);
if (entryPoints.length === 0)
  throw new Error(`${manifest.name}: no ./dist/*.js entry point in package.json`);

// tsc's incremental record lives in build/; after dist/ alone was deleted, tsc believes its .d.ts files
// are still written and emits none. Say so (and drop the stale record) rather than ship a dist/ without types.
const missingTypes = declaredTypes(manifest).filter((path) => !existsSync(path));
if (missingTypes.length > 0) {
  rmSync(join(TSC_OUT, '.tsbuildinfo'), { force: true });
  throw new Error(
    `${manifest.name}: tsc wrote no ${missingTypes.join(', ')} (its record in ${TSC_OUT}/.tsbuildinfo was stale and is now removed): run the build again.`,
  );
}

removeOldJavaScript(DIST);
const result = await build({
  entryPoints,
  outbase: TSC_OUT,
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Class and function names stay as written (error names, tsyringe tokens, stack traces), not the
  // renamed ones a bundle would otherwise give two same-named functions from different files.
  keepNames: true,
  // The maps compose tsc's: a stack trace (node --enable-source-maps) points into src/*.ts.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.js'));
console.log(
  `${manifest.name}: ${entryPoints.length} entry points -> ${files.length} files in ${DIST}/`,
);
