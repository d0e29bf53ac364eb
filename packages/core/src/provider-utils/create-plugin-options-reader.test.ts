import { describe, expect, it } from 'vitest';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { createPluginOptionsReader } from './create-plugin-options-reader.js';

function failure(run: () => unknown): InvalidPluginOptionsError {
  try {
    run();
  } catch (error) {
    if (InvalidPluginOptionsError.isInstance(error)) return error as InvalidPluginOptionsError;
    throw error;
  }
  throw new Error('expected an InvalidPluginOptionsError');
}

describe('createPluginOptionsReader', () => {
  it('refuses options that are not a mapping, naming the provider', () => {
    for (const raw of [42, 'text', [1]]) {
      expect(failure(() => createPluginOptionsReader('acme', raw, {}))).toMatchObject({
        provider: 'acme',
        setting: 'options',
        message: 'Provider "acme": options must be an object (a mapping of settings).',
      });
    }
    expect(createPluginOptionsReader('acme', null, {}).string('a')).toBeUndefined();
  });

  it('lets the config file win over the environment, and treats null, missing and blank as unset', () => {
    const read = createPluginOptionsReader(
      'acme',
      { endpoint: ' https://file ', blank: '  ', gone: null },
      { ACME_ENDPOINT: 'https://env', ACME_BLANK: 'from-env', ACME_GONE: ' ' },
    );
    expect(read.string('endpoint', 'ACME_ENDPOINT')).toBe('https://file');
    expect(read.string('blank', 'ACME_BLANK')).toBe('from-env');
    expect(read.string('gone', 'ACME_GONE')).toBeUndefined();
    expect(read.string('missing')).toBeUndefined();
    expect(
      createPluginOptionsReader('acme', { prefix: 'Echo: ' }, {}).string('prefix', undefined, {
        trim: false,
      }),
    ).toBe('Echo: ');
  });

  it('reads booleans by one rule in both places: true/false/1/0/yes/no/on/off, any case', () => {
    const words: Array<[string, boolean]> = [
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
      ['Yes', true],
      ['no', false],
      ['ON', true],
      ['off', false],
    ];
    for (const [word, expected] of words) {
      expect(
        createPluginOptionsReader('acme', {}, { ACME_FLAG: word }).boolean('flag', 'ACME_FLAG'),
      ).toBe(expected);
      expect(
        createPluginOptionsReader('acme', { flag: word }, {}).boolean('flag', 'ACME_FLAG'),
      ).toBe(expected);
    }
    expect(
      createPluginOptionsReader('acme', { flag: false }, { ACME_FLAG: 'true' }).boolean(
        'flag',
        'ACME_FLAG',
      ),
    ).toBe(false);
    expect(
      failure(() =>
        createPluginOptionsReader('acme', {}, { ACME_FLAG: 'maybe' }).boolean('flag', 'ACME_FLAG'),
      ),
    ).toMatchObject({ setting: 'ACME_FLAG' });
    expect(
      failure(() =>
        createPluginOptionsReader('acme', { flag: 2 }, { ACME_FLAG: 'true' }).boolean(
          'flag',
          'ACME_FLAG',
        ),
      ),
    ).toMatchObject({ setting: 'options.flag' });
  });

  it('reads numbers from file numbers and decimal strings, checking the limits', () => {
    expect(createPluginOptionsReader('acme', { ttl: 5 }, {}).number('ttl')).toBe(5);
    expect(
      createPluginOptionsReader('acme', {}, { ACME_TTL: ' 300 ' }).number('ttl', 'ACME_TTL', {
        min: 0,
      }),
    ).toBe(300);
    expect(createPluginOptionsReader('acme', { ttl: '1.5' }, {}).number('ttl')).toBe(1.5);
    const bad = failure(() =>
      createPluginOptionsReader('acme', {}, { ACME_TTL: '12abc' }).number('ttl', 'ACME_TTL'),
    );
    expect(bad).toMatchObject({
      setting: 'ACME_TTL',
      message: 'Provider "acme": ACME_TTL must be a number.',
    });
    expect(
      failure(() =>
        createPluginOptionsReader('acme', { ttl: -1 }, {}).number('ttl', 'ACME_TTL', {
          min: 0,
          integer: true,
          unit: 'seconds',
        }),
      ).message,
    ).toBe('Provider "acme": options.ttl must be a whole number of seconds ≥ 0.');
    expect(
      failure(() =>
        createPluginOptionsReader('acme', { delay: 1.5 }, {}).number('delay', undefined, {
          min: 0,
          max: 10,
          integer: true,
        }),
      ).message,
    ).toMatch(/whole number between 0 and 10/);
    expect(
      failure(() => createPluginOptionsReader('acme', { ttl: true }, {}).number('ttl')).setting,
    ).toBe('options.ttl');
  });

  it('reads lists from arrays or comma-separated strings', () => {
    expect(
      createPluginOptionsReader('acme', { patterns: [' a-* ', 'b'] }, {}).list(
        'patterns',
        'ACME_PATTERNS',
      ),
    ).toEqual(['a-*', 'b']);
    expect(
      createPluginOptionsReader('acme', { patterns: [] }, { ACME_PATTERNS: 'x' }).list(
        'patterns',
        'ACME_PATTERNS',
      ),
    ).toEqual([]);
    expect(
      createPluginOptionsReader('acme', {}, { ACME_PATTERNS: 'a-*, ,b' }).list(
        'patterns',
        'ACME_PATTERNS',
      ),
    ).toEqual(['a-*', 'b']);
    expect(createPluginOptionsReader('acme', { patterns: 'c,d' }, {}).list('patterns')).toEqual([
      'c',
      'd',
    ]);
    expect(
      failure(() => createPluginOptionsReader('acme', { patterns: ['', 'b'] }, {}).list('patterns'))
        .setting,
    ).toBe('options.patterns');
  });

  it('merges alias maps: defaults, then the environment, then the file; an empty or null target removes an alias', () => {
    const read = createPluginOptionsReader(
      'acme',
      { aliases: { Fast: 'model-f', old: null } },
      { ACME_ALIASES: 'big=model-b, old = , Other=model-o' },
    );
    expect(read.aliases('aliases', 'ACME_ALIASES', { old: 'model-x', keep: 'model-k' })).toEqual({
      keep: 'model-k',
      big: 'model-b',
      other: 'model-o',
      fast: 'model-f',
    });
    expect(createPluginOptionsReader('acme', { aliases: 'a=b' }, {}).aliases('aliases')).toEqual({
      a: 'b',
    });
    expect(
      failure(() =>
        createPluginOptionsReader('acme', {}, { ACME_ALIASES: 'nonsense' }).aliases(
          'aliases',
          'ACME_ALIASES',
        ),
      ).setting,
    ).toBe('ACME_ALIASES');
    expect(
      failure(() =>
        createPluginOptionsReader('acme', { aliases: { a: 1 } }, {}).aliases(
          'aliases',
          'ACME_ALIASES',
        ),
      ).setting,
    ).toBe('options.aliases');
    expect(
      failure(() => createPluginOptionsReader('acme', { aliases: ['a=b'] }, {}).aliases('aliases'))
        .setting,
    ).toBe('options.aliases');
  });

  it('checks choices, nested sections and unknown keys, and names the source of a setting', () => {
    const read = createPluginOptionsReader(
      'acme',
      { surface: 'V1', media: { enabled: 'off' }, tpyo: 1 },
      { ACME_KEY: 'k' },
    );
    expect(read.oneOf('surface', 'ACME_SURFACE', ['deployments', 'v1'])).toBe('v1');
    expect(
      failure(() =>
        createPluginOptionsReader('acme', {}, { ACME_SURFACE: 'classic' }).oneOf(
          'surface',
          'ACME_SURFACE',
          ['deployments', 'v1'],
        ),
      ).message,
    ).toBe('Provider "acme": ACME_SURFACE must be "deployments" or "v1".');
    expect(read.section('media').boolean('enabled', 'ACME_MEDIA')).toBe(false);
    expect(failure(() => read.section('media').number('enabled')).setting).toBe(
      'options.media.enabled',
    );
    expect(failure(() => read.section('surface')).setting).toBe('options.surface');
    expect(failure(() => read.assertKnownKeys(['surface', 'media'])).message).toMatch(
      /options.tpyo is not an option of this plugin \(known: surface, media\)/,
    );
    expect(read.settingOf('key', 'ACME_KEY')).toBe('ACME_KEY');
    expect(read.settingOf('surface', 'ACME_SURFACE')).toBe('options.surface');
    expect(failure(() => read.fail('key', 'ACME_KEY', 'is not a valid key.')).message).toBe(
      'Provider "acme": ACME_KEY is not a valid key.',
    );
  });
});
