import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderConfigJsonSchema } from './render-config-json-schema.js';

const repositoryFile = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');

describe('config.schema.json', () => {
  it('is what gatewayConfigSchema generates (run `pnpm --filter @multi-ai-proxy/gateway run config-schema` after changing the schema)', () => {
    expect(repositoryFile('config.schema.json')).toBe(renderConfigJsonSchema());
  });

  it('rejects a misspelt key and a bad instance name, as the gateway does', () => {
    const schema = JSON.parse(repositoryFile('config.schema.json'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.providers.anyOf[0].items.additionalProperties).toBe(false);
    expect(schema.properties.providers.anyOf[0].items.properties.name.pattern).toBe('^[a-z0-9][a-z0-9._-]*$');
  });
});

