import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import type { EnvV1 } from '@multi-ai-proxy/core';

/**
 * The process environment completed by `./.env` (working directory). Real environment variables win,
 * and `.env` applies to every setting, read before any of them is parsed.
 */
export function loadEnvironment(
  processEnv: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): EnvV1 {
  const path = resolve(cwd, '.env');
  if (!existsSync(path)) return { ...processEnv };
  const fromFile = parse(readFileSync(path));
  return { ...fromFile, ...processEnv };
}
