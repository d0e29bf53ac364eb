#!/usr/bin/env node
// What holds a V8 heap: self size by constructor (object name) and by node type, from a
// .heapsnapshot (`node --heapsnapshot-signal=SIGUSR2 …`, then `kill -USR2 <pid>` under load).
//   node bench/heap-summary.mjs <file.heapsnapshot> [--top 25]
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/heap-summary.mjs <file.heapsnapshot> [--top 25]');
  process.exit(1);
}
const top = Number(rest[rest.indexOf('--top') + 1] ?? 25) || 25;
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const fields = meta.node_fields;
const width = fields.length;
const typeNames = meta.node_types[0];
const at = {
  type: fields.indexOf('type'),
  name: fields.indexOf('name'),
  size: fields.indexOf('self_size'),
};
const { nodes, strings } = snapshot;

const byName = new Map();
const byType = new Map();
let total = 0;
for (let i = 0; i < nodes.length; i += width) {
  const type = typeNames[nodes[i + at.type]];
  const size = nodes[i + at.size];
  total += size;
  byType.set(type, (byType.get(type) ?? 0) + size);
  const name = type === 'object' || type === 'closure' ? strings[nodes[i + at.name]] : `(${type})`;
  const entry = byName.get(name) ?? { size: 0, count: 0 };
  entry.size += size;
  entry.count++;
  byName.set(name, entry);
}
const mb = (n) => (n / 2 ** 20).toFixed(2);
console.log(
  `${file}: ${mb(total)} MB in ${(nodes.length / width).toLocaleString('en-US')} nodes\n`,
);
console.log('| node type | MB |\n|---|---:|');
for (const [type, size] of [...byType].sort((a, b) => b[1] - a[1]).slice(0, 10))
  console.log(`| ${type} | ${mb(size)} |`);
console.log('\n| constructor / kind | count | self MB |\n|---|---:|---:|');
for (const [name, { size, count }] of [...byName]
  .sort((a, b) => b[1].size - a[1].size)
  .slice(0, top))
  console.log(`| \`${name.slice(0, 60)}\` | ${count.toLocaleString('en-US')} | ${mb(size)} |`);
