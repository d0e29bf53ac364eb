#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): top functions by self time and time per area
// (node internals, each npm package, each workspace package).
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 30]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const PNPM_PACKAGE = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const NODE_MODULES_PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const WORKSPACE_PACKAGE = /\/(packages\/[^/]+|apps\/[^/]+)\//;

/** Which package or part of Node a script URL belongs to. */
export function areaOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return `node:${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  const pnpm = PNPM_PACKAGE.exec(url) ?? NODE_MODULES_PACKAGE.exec(url);
  if (pnpm) return pnpm[1];
  const workspace = WORKSPACE_PACKAGE.exec(url);
  if (workspace) return workspace[1];
  return url;
}

function shortLocation(url, lineNumber) {
  if (!url) return '';
  const pnpm = PNPM_PACKAGE.exec(url);
  const tail = pnpm ? `${pnpm[1]}/${url.slice(pnpm.index + pnpm[0].length)}` : url.replace(/^file:\/\/.*?\/(packages|apps)\//, '$1/');
  return `${tail}:${lineNumber + 1}`;
}

export function summariseProfile(file, { top = 25 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }

  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const key = `${functionName || '(anonymous)'}\t${shortLocation(url, lineNumber)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }

  const pct = (micros) => ((micros / total) * 100).toFixed(1);
  const topFunctions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  const areas = [...byArea].sort((a, b) => b[1] - a[1]);
  const markdown = [
    `### ${basename(file)}: ${(total / 1e6).toFixed(2)} s on CPU, ${(idle / 1e6).toFixed(2)} s idle`,
    '',
    '| self % | self ms | function | location |',
    '|---:|---:|---|---|',
    ...topFunctions.map(([key, micros]) => {
      const [name, location] = key.split('\t');
      return `| ${pct(micros)} | ${(micros / 1000).toFixed(0)} | \`${name}\` | ${location} |`;
    }),
    '',
    '| area | self % |',
    '|---|---:|',
    ...areas.slice(0, 20).map(([area, micros]) => `| ${area} | ${pct(micros)} |`),
  ].join('\n');
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    topFunctions: topFunctions.map(([key, micros]) => ({ function: key.split('\t')[0], location: key.split('\t')[1], selfMs: micros / 1000, selfPercent: Number(pct(micros)) })),
    areas: areas.map(([area, micros]) => ({ area, selfMs: micros / 1000, selfPercent: Number(pct(micros)) })),
    markdown,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const topIndex = process.argv.indexOf('--top');
  console.log(summariseProfile(file, { top: topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25 }).markdown);
}
