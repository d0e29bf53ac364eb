#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): top functions by self time and time per area
// (node internals, each npm package, each workspace package).
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 30] [--skip-ms 3000] [--callers <functionName>]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const PNPM_PACKAGE = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const NODE_MODULES_PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const WORKSPACE_PACKAGE = /\/(packages\/[^/]+|apps\/[^/]+)\//;

/** Which package or part of Node a script URL belongs to. */
export function areaOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:'))
    return `node:${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const pnpm = PNPM_PACKAGE.exec(url) ?? NODE_MODULES_PACKAGE.exec(url);
  if (pnpm) return pnpm[1];
  const workspace = WORKSPACE_PACKAGE.exec(url);
  if (workspace) return workspace[1];
  return url;
}

function shortLocation(url, lineNumber) {
  if (!url) return '';
  const pnpm = PNPM_PACKAGE.exec(url);
  const tail = pnpm
    ? `${pnpm[1]}/${url.slice(pnpm.index + pnpm[0].length)}`
    : url.replace(/^file:\/\/.*?\/(packages|apps)\//, '$1/');
  return `${tail}:${lineNumber + 1}`;
}

/**
 * Where a function's self time comes from: its self time grouped by the chain of its `depth`
 * nearest callers (the question a flat top list cannot answer: "who calls writev?").
 */
export function callersOf(file, functionName, { depth = 8, top = 10 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(
      profile.samples[i],
      (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0),
    );
  const chains = new Map();
  for (const [id, micros] of self) {
    if (nodes.get(id).callFrame.functionName !== functionName) continue;
    const frames = [];
    for (let p = parent.get(id); p !== undefined && frames.length < depth; p = parent.get(p)) {
      const { functionName: name, url, lineNumber } = nodes.get(p).callFrame;
      if (name === '(root)') break;
      frames.push(`${name || '(anonymous)'} ${shortLocation(url, lineNumber)}`);
    }
    const key = frames.join('\n    <- ');
    chains.set(key, (chains.get(key) ?? 0) + micros);
  }
  return [...chains]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([chain, micros]) => `${(micros / 1000).toFixed(0)} ms\n    <- ${chain}`);
}

/** Self time per profile node id, skipping samples in the first `skipMs` (start-up, warm-up). */
function selfTimes(profile, skipMs) {
  const self = new Map();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < skipMs * 1000) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }
  return self;
}

export function summariseProfile(file, { top = 25, skipMs = 0 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const selfMicros = selfTimes(profile, skipMs);

  // Inclusive time per package: a sample counts for every package on its stack (so got's share
  // includes the node:http work it drives). Memoised per node: stacks share prefixes.
  const stackAreas = new Map();
  const areasOnStack = (id) => {
    if (stackAreas.has(id)) return stackAreas.get(id);
    const { url, functionName } = nodes.get(id).callFrame;
    const up = parent.has(id) ? areasOnStack(parent.get(id)) : new Set();
    const area = url && !url.startsWith('node:') ? areaOf(url, functionName) : undefined;
    const set = area && !up.has(area) ? new Set([...up, area]) : up;
    stackAreas.set(id, set);
    return set;
  };

  const byFunction = new Map();
  const byArea = new Map();
  const inclusive = new Map();
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
    for (const a of areasOnStack(id)) inclusive.set(a, (inclusive.get(a) ?? 0) + micros);
  }

  const pct = (micros) => ((micros / total) * 100).toFixed(1);
  const topFunctions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  const areas = [...byArea].sort((a, b) => b[1] - a[1]);
  const inclusiveAreas = [...inclusive].sort((a, b) => b[1] - a[1]);
  const markdown = [
    `### ${basename(file)}: ${(total / 1e6).toFixed(2)} s on CPU, ${(idle / 1e6).toFixed(2)} s idle${skipMs ? ` (first ${(skipMs / 1000).toFixed(1)} s of start-up and warm-up skipped)` : ''}`,
    '',
    '| self % | self ms | function | location |',
    '|---:|---:|---|---|',
    ...topFunctions.map(([key, micros]) => {
      const [name, location] = key.split('\t');
      return `| ${pct(micros)} | ${(micros / 1000).toFixed(0)} | \`${name}\` | ${location} |`;
    }),
    '',
    '| area (self time) | self % | | package on the stack (inclusive) | inclusive % |',
    '|---|---:|---|---|---:|',
    ...Array.from(
      { length: Math.min(20, Math.max(areas.length, inclusiveAreas.length)) },
      (_, i) => {
        const [a, am] = areas[i] ?? ['', undefined];
        const [b, bm] = inclusiveAreas[i] ?? ['', undefined];
        return `| ${a} | ${am === undefined ? '' : pct(am)} | | ${b} | ${bm === undefined ? '' : pct(bm)} |`;
      },
    ),
  ].join('\n');
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    topFunctions: topFunctions.map(([key, micros]) => ({
      function: key.split('\t')[0],
      location: key.split('\t')[1],
      selfMs: micros / 1000,
      selfPercent: Number(pct(micros)),
    })),
    areas: areas.map(([area, micros]) => ({
      area,
      selfMs: micros / 1000,
      selfPercent: Number(pct(micros)),
    })),
    inclusiveAreas: inclusiveAreas.map(([area, micros]) => ({
      area,
      inclusiveMs: micros / 1000,
      inclusivePercent: Number(pct(micros)),
    })),
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
  const callersIndex = process.argv.indexOf('--callers');
  if (callersIndex > 0) {
    console.log(callersOf(file, process.argv[callersIndex + 1]).join('\n\n'));
    process.exit(0);
  }
  const skipIndex = process.argv.indexOf('--skip-ms');
  const options = {
    top: topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25,
    skipMs: skipIndex > 0 ? Number(process.argv[skipIndex + 1]) : 0,
  };
  console.log(summariseProfile(file, options).markdown);
}
