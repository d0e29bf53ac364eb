// Loader hooks of record-module-loads.mjs: one line per module loaded (node: builtins left out).
import { appendFileSync } from 'node:fs';

let file = '';

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('node:')) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
