import { describe, expect, it } from 'vitest';
import { isAliasGlob, resolveAlias } from './resolve-alias.js';

describe('resolveAlias', () => {
  const aliases = new Map([
    ['claude-*', 'google/gemini-2.5-flash'],
    ['claude-sonnet-*', 'google/gemini-2.5-pro'],
    ['claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5'],
    ['claude-sonnet-4-5*', 'sonnet-group'],
    ['*-haiku-*', 'vertex/gemini-2.5-flash-lite'],
    ['claude-opus-*', 'first-listed'],
    ['claude-*-4-1-*', 'second-listed'],
    ['fast', 'azure/gpt-4o-mini'],
  ]);

  it('takes an exact name before any glob, case-sensitively', () => {
    expect(resolveAlias('claude-sonnet-4-5-20250929', aliases)).toBe('anthropic/claude-sonnet-4-5');
    expect(resolveAlias('fast', aliases)).toBe('azure/gpt-4o-mini');
    expect(resolveAlias('FAST', aliases)).toBeUndefined();
  });

  it('takes the matching glob with the most literal characters', () => {
    // claude-sonnet-4-5* (17 literals) before claude-sonnet-* (14) before claude-* (7).
    expect(resolveAlias('claude-sonnet-4-5-20260101', aliases)).toBe('sonnet-group');
    expect(resolveAlias('claude-sonnet-4-20250514', aliases)).toBe('google/gemini-2.5-pro');
    expect(resolveAlias('claude-3-7-sonnet-latest', aliases)).toBe('google/gemini-2.5-flash');
    // *-haiku-* (7 literals) ties with claude-* (7): the one listed first wins.
    expect(resolveAlias('claude-haiku-4-5-20251001', aliases)).toBe('google/gemini-2.5-flash');
    expect(resolveAlias('my-haiku-model', aliases)).toBe('vertex/gemini-2.5-flash-lite');
  });

  it('keeps configuration order between globs of equal length', () => {
    // claude-opus-* and claude-*-4-1-* both have 12 literal characters.
    expect(resolveAlias('claude-opus-4-1-20250805', aliases)).toBe('first-listed');
  });

  it('matches globs case-insensitively (as provider modelPatterns do), whole names only', () => {
    expect(resolveAlias('Claude-Sonnet-4-20250514', aliases)).toBe('google/gemini-2.5-pro');
    expect(resolveAlias('xclaude-sonnet', aliases)).toBeUndefined();
    expect(resolveAlias('gpt-4o', aliases)).toBeUndefined();
  });

  it('treats regular-expression characters in a glob literally', () => {
    const dotted = new Map([['gemini-2.5-*', 'google/gemini-2.5-pro']]);
    expect(resolveAlias('gemini-2.5-pro-preview', dotted)).toBe('google/gemini-2.5-pro');
    expect(resolveAlias('gemini-2x5-pro', dotted)).toBeUndefined();
  });

  it('answers undefined without a table', () => {
    expect(resolveAlias('claude-sonnet-4-5', undefined)).toBeUndefined();
    expect(resolveAlias('claude-sonnet-4-5', new Map())).toBeUndefined();
  });

  it('tells globs from names', () => {
    expect(isAliasGlob('claude-*')).toBe(true);
    expect(isAliasGlob('claude-sonnet-4-5')).toBe(false);
  });
});
