// Writes config.schema.json at the repository root from the gateway's zod schema (tsc's per-file output in build/).
// Run with `pnpm --filter @multi-ai-proxy/gateway run config-schema`; src/config/config-schema-file.test.ts
// fails when the committed file and the schema disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigJsonSchema } from '../build/config/render-config-json-schema.js';

const target = fileURLToPath(new URL('../../../config.schema.json', import.meta.url));
writeFileSync(target, renderConfigJsonSchema());
process.stdout.write(`wrote ${target}\n`);
