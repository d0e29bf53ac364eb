import { describe, expect, it } from 'vitest';
import { isResponsesOnlyModel } from './is-responses-only-model.js';

describe('isResponsesOnlyModel', () => {
  it('matches the default list by case-insensitive prefix of the deployment name', () => {
    expect(isResponsesOnlyModel('gpt-5-codex')).toBe(true);
    expect(isResponsesOnlyModel('GPT-5.1-Codex-Max-2025-12-04')).toBe(true);
    expect(isResponsesOnlyModel('o3-pro-prod')).toBe(true);
    expect(isResponsesOnlyModel('gpt-5.1')).toBe(false);
    expect(isResponsesOnlyModel('o3')).toBe(false);
    expect(isResponsesOnlyModel(undefined)).toBe(false);
  });

  it('uses the configured list instead of the default one', () => {
    expect(isResponsesOnlyModel('my-codex-eu', ['my-codex'])).toBe(true);
    expect(isResponsesOnlyModel('gpt-5-codex', ['my-codex'])).toBe(false);
    expect(isResponsesOnlyModel('gpt-5-codex', [])).toBe(false);
  });
});
