import { describe, expect, it } from 'vitest';
import { mapReasoningEffortToThinkingConfig } from './map-reasoning-effort-to-thinking-config.js';

describe('mapReasoningEffortToThinkingConfig (README table)', () => {
  it.each([
    ['gemini-3-pro-preview', 'none', { thinkingLevel: 'LOW' }],
    ['gemini-3-pro-preview', 'low', { thinkingLevel: 'LOW', includeThoughts: true }],
    ['gemini-3-pro-preview', 'medium', { thinkingLevel: 'HIGH', includeThoughts: true }],
    ['gemini-3-flash-preview', 'minimal', { thinkingLevel: 'MINIMAL', includeThoughts: true }],
    ['gemini-3-flash-preview', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }],
    ['gemini-3-flash-preview', 'xhigh', { thinkingLevel: 'HIGH', includeThoughts: true }],
    ['gemini-2.5-flash', 'none', { thinkingBudget: 0 }],
    ['gemini-2.5-pro', 'none', { thinkingBudget: 128 }],
    ['gemini-2.5-flash', 'minimal', { thinkingBudget: 512, includeThoughts: true }],
    ['gemini-2.5-flash', 'low', { thinkingBudget: 1024, includeThoughts: true }],
    ['gemini-2.5-flash', 'medium', { thinkingBudget: 8192, includeThoughts: true }],
    ['gemini-2.5-flash', 'high', { thinkingBudget: 24576, includeThoughts: true }],
    ['gemini-2.5-pro', 'xhigh', { thinkingBudget: 32768, includeThoughts: true }],
  ])('%s + %s', (model, effort, expected) => {
    expect(mapReasoningEffortToThinkingConfig(effort, model)).toEqual(expected);
  });

  it('drops reasoning_effort for models that do not think, and when absent', () => {
    expect(mapReasoningEffortToThinkingConfig('high', 'gemini-2.0-flash')).toBeUndefined();
    expect(mapReasoningEffortToThinkingConfig(undefined, 'gemini-2.5-flash')).toBeUndefined();
  });
});
