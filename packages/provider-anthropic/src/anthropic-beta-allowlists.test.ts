import { describe, expect, it } from 'vitest';
import { filterAnthropicBeta } from './anthropic-beta-allowlists.js';

// What Claude Code 2.x sends on a typical turn.
const CLAUDE_CODE_BETAS =
  'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20';

describe('filterAnthropicBeta', () => {
  it("Anthropic's API gets every token", () => {
    expect(filterAnthropicBeta(CLAUDE_CODE_BETAS, 'anthropic', undefined)).toBe(CLAUDE_CODE_BETAS);
  });
  it('Foundry keeps the tokens it accepts, in order', () => {
    expect(filterAnthropicBeta(CLAUDE_CODE_BETAS, 'foundry', undefined)).toBe(
      'interleaved-thinking-2025-05-14,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
    );
  });
  it("Vertex keeps its tokens and renames tool search to Vertex's name", () => {
    expect(filterAnthropicBeta(CLAUDE_CODE_BETAS, 'vertex', undefined)).toBe(
      'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19',
    );
  });
  it('an operator allowlist replaces the table; nothing left means no header', () => {
    expect(filterAnthropicBeta(CLAUDE_CODE_BETAS, 'vertex', ['claude-code-20250219'])).toBe(
      'claude-code-20250219',
    );
    expect(
      filterAnthropicBeta('claude-code-20250219, unknown-2099-01-01', 'foundry', undefined),
    ).toBeUndefined();
    expect(filterAnthropicBeta(undefined, 'foundry', undefined)).toBeUndefined();
  });
  it('prototype names are not tokens', () => {
    expect(
      filterAnthropicBeta('constructor,__proto__,toString', 'foundry', undefined),
    ).toBeUndefined();
  });
});
