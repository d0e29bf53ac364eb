import type { UpstreamErrorDetail } from '@multi-ai-proxy/provider-openai/internal';

// Claude on Azure AI Foundry speaks the Anthropic Messages API.
const CLAUDE_PREFIXES = ['claude-'];

/**
 * What to add to an Azure error message: which content-filter categories fired (Azure's `innererror`,
 * which the client also receives as is; summarised for clients that show only the message), and, when
 * a chat call fails because the deployment does not do chat completions, how to reach it: a
 * Responses-only deployment missing from AZURE_OPENAI_RESPONSES_ONLY_MODELS (the listed ones are
 * converted and never get here), or Claude.
 */
export function describeAzureError(
  detail: UpstreamErrorDetail,
  status: number,
  model: string | undefined,
  operation: string,
): string | undefined {
  const notes: string[] = [];
  const filtered = describeContentFilter(detail.error);
  if (filtered) notes.push(`[content filter: ${filtered}]`);
  const lower = model?.toLowerCase() ?? '';
  if (operation === 'chat' && (status === 400 || status === 404) && lower !== '') {
    if (CLAUDE_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      notes.push(
        `(Claude on Azure AI Foundry uses the Anthropic Messages API, which this gateway does not translate; deploy it as a serverless OpenAI-compatible endpoint or call it directly.)`,
      );
    } else if (detail.code === 'OperationNotSupported') {
      notes.push(
        `(If deployment "${model}" is served by Azure's Responses API only, add its name to AZURE_OPENAI_RESPONSES_ONLY_MODELS so chat completions are converted, or call POST /v1/responses.)`,
      );
    }
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

/** `innererror.content_filter_result` (recorded) or `inner_error.content_filter_results` (spec). */
function describeContentFilter(error: Record<string, unknown> | undefined): string | undefined {
  const inner = (error?.innererror ?? error?.inner_error) as Record<string, unknown> | undefined;
  const results = (inner?.content_filter_result ?? inner?.content_filter_results) as
    | Record<string, unknown>
    | undefined;
  if (typeof results !== 'object' || results === null) return undefined;
  const fired = Object.entries(results)
    .filter(([, value]) => (value as { filtered?: unknown } | null)?.filtered === true)
    .map(([category, value]) => {
      const severity = (value as { severity?: unknown }).severity;
      return typeof severity === 'string' ? `${category} (${severity})` : category;
    });
  return fired.length > 0 ? `${fired.join(', ')} filtered` : undefined;
}
