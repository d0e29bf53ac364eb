#!/usr/bin/env node
// Re-renders bench/results/<name>.md from <name>.json (after a change to the report format or the
// target rules), without measuring again. Usage: node bench/render-results.mjs latest
import { readFileSync } from 'node:fs';
import { evaluateTargets } from './lib/evaluate-targets.mjs';
import { RESULTS_DIR, writeResults } from './lib/write-report.mjs';

for (const name of process.argv.slice(2)) {
  const results = JSON.parse(readFileSync(`${RESULTS_DIR}${name}.json`, 'utf8'));
  if (!results.compare) results.targets = evaluateTargets(results);
  console.log(writeResults(results, { basename: name }).md);
}
