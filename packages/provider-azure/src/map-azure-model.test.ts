import { describe, expect, it } from 'vitest';
import { createAzureModelTable } from './create-azure-model-table.js';
import { DEFAULT_AZURE_MODEL_MAPPING } from './default-azure-model-mapping.js';
import { mapAzureModel } from './map-azure-model.js';
import { parseAzureModelMapper } from './parse-azure-model-mapper.js';

describe('default table', () => {
  it('has exactly the 145 entries, 25 of which rename', () => {
    const entries = Object.entries(DEFAULT_AZURE_MODEL_MAPPING);
    expect(entries).toHaveLength(145);
    expect(entries.filter(([model, deployment]) => model !== deployment)).toHaveLength(25);
    expect(entries.every(([model]) => model === model.toLowerCase())).toBe(true);
  });
});

describe('mapAzureModel', () => {
  const table = createAzureModelTable(new Map());

  it('scenario 2: built-in renames, case-insensitive', () => {
    expect(mapAzureModel('GPT-3.5-Turbo', table)).toBe('gpt-35-turbo-0613');
    expect(mapAzureModel('text-embedding-3-small', table)).toBe('text-embedding-3-small-1');
    expect(mapAzureModel('dall-e-3', table)).toBe('dall-e-3-3.0');
    expect(mapAzureModel('tts', table)).toBe('tts-001');
    expect(mapAzureModel('whisper', table)).toBe('whisper-001');
    expect(mapAzureModel('gpt-4o', table)).toBe('gpt-4o');
  });

  it('scenario 3: mapper entries override and extend the defaults, trimmed and case-insensitive', () => {
    const mapper = parseAzureModelMapper('gpt-4o=prod-4o, bad,x=y=z, GPT-4.1 = Big41 ');
    expect(mapper.entries).toEqual(
      new Map([
        ['gpt-4o', 'prod-4o'],
        ['gpt-4.1', 'Big41'],
      ]),
    );
    expect(mapper.problems).toEqual([
      'AZURE_OPENAI_MODEL_MAPPER: entry 2 is not "model=deployment" and is ignored.',
      'AZURE_OPENAI_MODEL_MAPPER: entry 3 is not "model=deployment" and is ignored.',
    ]);
    const merged = createAzureModelTable(mapper.entries);
    expect(mapAzureModel('gpt-4o', merged)).toBe('prod-4o');
    expect(mapAzureModel('GPT-4O', merged)).toBe('prod-4o');
    expect(mapAzureModel('gpt-4.1', merged)).toBe('Big41');
    expect(mapAzureModel('gpt-4', merged)).toBe('gpt-4-0613');
  });

  it('scenario 4: date-suffix fallback; unknown models are left to the caller', () => {
    expect(mapAzureModel('gpt-4.1-2030-01-01', table)).toBe('gpt-4.1');
    expect(mapAzureModel('claude-haiku-4-5-20251001', table)).toBe('claude-haiku-4.5');
    expect(mapAzureModel('MyDeploy', table)).toBeUndefined();
    expect(mapAzureModel('mydeploy-2030-01-01', table)).toBeUndefined();
  });

  it('never reports mapper values (they may be anything) in problems', () => {
    expect(parseAzureModelMapper('=secretvalue').problems.join()).not.toContain('secretvalue');
    expect(parseAzureModelMapper(undefined)).toEqual({ entries: new Map(), problems: [] });
  });
});
