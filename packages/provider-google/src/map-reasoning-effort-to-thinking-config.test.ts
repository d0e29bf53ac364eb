import { InvalidRequestError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import {
  mapReasoningEffortToThinkingConfig,
  type ReasoningEffort,
  readReasoningEffort,
} from './map-reasoning-effort-to-thinking-config.js';

describe('mapReasoningEffortToThinkingConfig (Google\'s table, README "reasoning_effort")', () => {
  it.each([
    // Gemini 3 Pro: LOW and HIGH only; medium is HIGH.
    ['gemini-3-pro-preview', 'none', { thinkingLevel: 'LOW' }],
    ['gemini-3-pro-preview', 'minimal', { thinkingLevel: 'LOW', includeThoughts: true }],
    ['gemini-3-pro-preview', 'low', { thinkingLevel: 'LOW', includeThoughts: true }],
    ['gemini-3-pro-preview', 'medium', { thinkingLevel: 'HIGH', includeThoughts: true }],
    ['gemini-3-pro-preview', 'high', { thinkingLevel: 'HIGH', includeThoughts: true }],
    // Gemini 3.1 Pro has MEDIUM, no MINIMAL.
    ['gemini-3.1-pro-preview', 'none', { thinkingLevel: 'LOW' }],
    ['gemini-3.1-pro-preview', 'minimal', { thinkingLevel: 'LOW', includeThoughts: true }],
    ['gemini-3.1-pro-preview', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }],
    ['gemini-3.1-pro-preview', 'high', { thinkingLevel: 'HIGH', includeThoughts: true }],
    // Flash and Flash-Lite: the same names.
    ['gemini-3-flash-preview', 'none', { thinkingLevel: 'MINIMAL' }],
    ['gemini-3-flash-preview', 'minimal', { thinkingLevel: 'MINIMAL', includeThoughts: true }],
    ['gemini-3-flash-preview', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }],
    ['gemini-3.1-flash-lite-preview', 'low', { thinkingLevel: 'LOW', includeThoughts: true }],
    ['gemini-3-flash-preview', 'xhigh', { thinkingLevel: 'HIGH', includeThoughts: true }],
    // Gemini 2.5: budgets 1,024 / 1,024 / 8,192 / 24,576.
    ['gemini-2.5-flash', 'none', { thinkingBudget: 0 }],
    ['gemini-2.5-flash-lite', 'none', { thinkingBudget: 0 }],
    ['gemini-2.5-pro', 'none', { thinkingBudget: 128 }],
    ['gemini-2.5-flash', 'minimal', { thinkingBudget: 1024, includeThoughts: true }],
    ['gemini-2.5-flash', 'low', { thinkingBudget: 1024, includeThoughts: true }],
    ['gemini-2.5-flash', 'medium', { thinkingBudget: 8192, includeThoughts: true }],
    ['gemini-2.5-flash', 'high', { thinkingBudget: 24576, includeThoughts: true }],
    ['gemini-2.5-flash', 'xhigh', { thinkingBudget: 24576, includeThoughts: true }],
    ['gemini-2.5-pro', 'xhigh', { thinkingBudget: 32768, includeThoughts: true }],
  ] as const)('%s + %s', (model, effort, expected) => {
    expect(mapReasoningEffortToThinkingConfig(effort as ReasoningEffort, model)).toEqual(expected);
  });

  it('drops reasoning_effort for models that do not think, and when absent', () => {
    expect(mapReasoningEffortToThinkingConfig('high', 'gemini-2.0-flash')).toBeUndefined();
    expect(mapReasoningEffortToThinkingConfig(undefined, 'gemini-2.5-flash')).toBeUndefined();
  });

  it('refuses an unknown reasoning_effort with a 400 naming the parameter', () => {
    expect(readReasoningEffort('medium')).toBe('medium');
    expect(readReasoningEffort(null)).toBeUndefined();
    for (const value of ['max', 'HIGH', 3, '']) {
      try {
        readReasoningEffort(value);
        expect.unreachable();
      } catch (error) {
        expect(InvalidRequestError.isInstance(error)).toBe(true);
        expect((error as InvalidRequestError).param).toBe('reasoning_effort');
        expect((error as InvalidRequestError).message).toContain(
          'none, minimal, low, medium, high, xhigh',
        );
      }
    }
  });
});
