import type { UpstreamErrorDetail } from '@multi-ai-proxy/provider-openai/internal';

// Models Azure serves through the Responses API only (the seed converted their chat calls).
const RESPONSES_ONLY_PREFIXES = ['codex-mini', 'o3-pro', 'o3-deep-research', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5-pro', 'computer-use-preview'];
// Claude on Azure AI Foundry speaks the Anthropic Messages API (the seed converted chat calls).
const CLAUDE_PREFIXES = ['claude-'];

/**
 * What to add to an Azure error message: which content-filter categories fired (Azure's `innererror`,
 * which the client also receives as is; summarised for clients that show only the message), and, when
 * a chat call for a Responses-only or Claude model fails, where such a model is served instead.
 */
export function describeAzureError(detail: UpstreamErrorDetail, status: number, model: string | undefined, operation: string): string | undefined {
  const notes: string[] = [];
  const filtered = describeContentFilter(detail.error);
  if (filtered) notes.push(`[content filter: ${filtered}]`);
  const lower = model?.toLowerCase() ?? '';
  if (operation === 'chat' && (status === 400 || status === 404) && lower !== '') {
    if (RESPONSES_ONLY_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      notes.push(`(Model "${model}" is served by Azure's Responses API: call POST /v1/responses instead of chat completions.)`);
    } else if (CLAUDE_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      notes.push(`(Claude on Azure AI Foundry uses the Anthropic Messages API, which this gateway does not translate; deploy it as a serverless OpenAI-compatible endpoint or call it directly.)`);
    }
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

/** `innererror.content_filter_result` (recorded) or `inner_error.content_filter_results` (spec). */
function describeContentFilter(error: Record<string, unknown> | undefined): string | undefined {
  const inner = (error?.innererror ?? error?.inner_error) as Record<string, unknown> | undefined;
  const results = (inner?.content_filter_result ?? inner?.content_filter_results) as Record<string, unknown> | undefined;
  if (typeof results !== 'object' || results === null) return undefined;
  const fired = Object.entries(results)
    .filter(([, value]) => (value as { filtered?: unknown } | null)?.filtered === true)
    .map(([category, value]) => {
      const severity = (value as { severity?: unknown }).severity;
      return typeof severity === 'string' ? `${category} (${severity})` : category;
    });
  return fired.length > 0 ? `${fired.join(', ')} filtered` : undefined;
}
