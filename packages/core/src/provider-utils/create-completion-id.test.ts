import { describe, expect, it } from 'vitest';
import { createCompletionId } from './create-completion-id.js';

describe('createCompletionId', () => {
  it('keeps a URL-safe upstream id and makes a random one otherwise', () => {
    expect(createCompletionId('chatcmpl-', 'abc_12-Z')).toBe('chatcmpl-abc_12-Z');
    const random = createCompletionId('cmpl-', 'has space');
    expect(random).toMatch(/^cmpl-[A-Za-z0-9_-]{16}$/);
    expect(createCompletionId('cmpl-')).not.toBe(createCompletionId('cmpl-'));
  });
});
