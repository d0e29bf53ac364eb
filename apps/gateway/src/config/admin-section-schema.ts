import * as z from 'zod';
import { strictMapping } from './strict-mapping.js';

/** `admin`: the key of the /admin/… routes; absent = no admin routes. */
export const adminSectionSchema = strictMapping({
  key: z
    .string({ error: `must be a non-empty string, e.g. "\${MULTI_AI_PROXY_ADMIN_KEY}".` })
    .min(1, { error: `must be a non-empty string, e.g. "\${MULTI_AI_PROXY_ADMIN_KEY}".` })
    .describe(`Admin key, usually "\${VAR}"; hashed at load, compared in constant time.`),
})
  .nullish()
  .describe('Enables GET /admin/keys and /admin/keys/{id}.');
