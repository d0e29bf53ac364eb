import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { gatewayConfigSchema } from './gateway-config-schema.js';
import { renderConfigJsonSchema } from './render-config-json-schema.js';

const repositoryFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');

/** The ```yaml blocks of a Markdown file that are gateway config files (they declare providers). */
function configBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1] as string)
    .filter((block) => /^providers:/m.test(block));
}

describe('config.schema.json', () => {
  it('is what gatewayConfigSchema generates (run `pnpm --filter @multi-ai-proxy/gateway run config-schema` after changing the schema)', () => {
    expect(repositoryFile('config.schema.json')).toBe(renderConfigJsonSchema());
  });

  it('rejects a misspelt key and a bad instance name, as the gateway does', () => {
    const schema = JSON.parse(repositoryFile('config.schema.json'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.providers.anyOf[0].items.additionalProperties).toBe(false);
    expect(schema.properties.providers.anyOf[0].items.properties.name.pattern).toBe(
      '^[a-z0-9][a-z0-9._-]*$',
    );
  });
});

describe('the example config files in the documentation', () => {
  const documents = ['README.md', 'docs/plugin-authoring.md', 'examples/provider-echo/README.md'];

  it.each(documents)(
    '%s: every example validates and points editors at config.schema.json',
    (document) => {
      const blocks = configBlocks(repositoryFile(document));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        expect(block).toMatch(/^# yaml-language-server: \$schema=\S*config\.schema\.json$/m);
        const result = gatewayConfigSchema.safeParse(parseYaml(block));
        expect(result.error?.issues ?? []).toEqual([]);
      }
    },
  );
});

describe('docker/gateway.example.yaml', () => {
  it('validates and points editors at the repository config.schema.json', () => {
    const text = repositoryFile('docker/gateway.example.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../config.schema.json');
    const result = gatewayConfigSchema.safeParse(parseYaml(text));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
