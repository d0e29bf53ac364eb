import * as z from 'zod';
import { gatewayConfigSchema } from './gateway-config-schema.js';

/**
 * The text of config.schema.json: gatewayConfigSchema as JSON Schema draft-07 (the draft YAML and
 * JSON editors support best), describing what an operator writes (`io: 'input'`).
 */
export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(gatewayConfigSchema, { target: 'draft-7', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
