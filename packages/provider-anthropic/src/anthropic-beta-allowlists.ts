import type { AnthropicUpstreamKind } from './anthropic-provider-options.js';

/**
 * The `anthropic-beta` tokens each Claude upstream accepts, by the client's token → the token sent
 * (Vertex names tool search differently). Unknown tokens make Foundry and Vertex answer 400
 * (anthropics/claude-code #34802), and Claude Code adds new ones each release, so these are allowlists.
 * Source: BerriAI/litellm litellm/anthropic_beta_headers_config.json (commit 030dd40a93c3), the
 * `azure_ai` and `vertex_ai` tables; README "anthropic-beta per upstream" lists them.
 * Anthropic's own API gets every token unchanged.
 */
export const BETA_ALLOWLISTS: Readonly<
  Record<Exclude<AnthropicUpstreamKind, 'anthropic'>, Readonly<Record<string, string>>>
> = {
  foundry: tokens([
    'advanced-tool-use-2025-11-20',
    'code-execution-2025-08-25',
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'context-1m-2025-08-07',
    'context-management-2025-06-27',
    'effort-2025-11-24',
    'files-api-2025-04-14',
    'interleaved-thinking-2025-05-14',
    'mcp-client-2025-04-04',
    'mcp-client-2025-11-20',
    'prompt-caching-scope-2026-01-05',
    'skills-2025-10-02',
    'structured-outputs-2025-11-13',
    'web-fetch-2025-09-10',
    'web-search-2025-03-05',
  ]),
  vertex: {
    ...tokens([
      'compact-2026-01-12',
      'computer-use-2025-01-24',
      'computer-use-2025-11-24',
      'context-1m-2025-08-07',
      'context-management-2025-06-27',
      'interleaved-thinking-2025-05-14',
      'tool-search-tool-2025-10-19',
      'web-search-2025-03-05',
    ]),
    'advanced-tool-use-2025-11-20': 'tool-search-tool-2025-10-19',
  },
};

function tokens(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(list.map((token) => [token, token]));
}

/**
 * The `anthropic-beta` value to send: the client's tokens the upstream accepts (renamed where it names
 * them differently), in the client's order without repeats; undefined when none is left.
 * `allowlist` (the operator's `betaAllowlist`) replaces the built-in table.
 */
export function filterAnthropicBeta(
  header: string | undefined,
  kind: AnthropicUpstreamKind,
  allowlist: readonly string[] | undefined,
): string | undefined {
  if (header === undefined) return undefined;
  const requested = header
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
  const table: Readonly<Record<string, string>> | undefined =
    allowlist !== undefined
      ? tokens(allowlist)
      : kind === 'anthropic'
        ? undefined
        : BETA_ALLOWLISTS[kind];
  const kept = new Set<string>();
  for (const token of requested) {
    const sent =
      table === undefined ? token : Object.hasOwn(table, token) ? table[token] : undefined;
    if (sent !== undefined) kept.add(sent);
  }
  return kept.size > 0 ? [...kept].join(',') : undefined;
}
