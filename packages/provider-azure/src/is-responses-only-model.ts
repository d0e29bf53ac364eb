/**
 * Azure deployments served by the Responses API only: a chat completion for one of them is sent as a
 * Responses call (README "Responses-only models"). Matched as case-insensitive prefixes of the
 * deployment name, so dated and suffixed deployments (`gpt-5-codex-2025-09-15`) match too.
 * `AZURE_OPENAI_RESPONSES_ONLY_MODELS` replaces this list.
 */
export const DEFAULT_AZURE_RESPONSES_ONLY_MODELS: readonly string[] = [
  'codex-mini',
  'o3-pro',
  'o3-deep-research',
  'o4-mini-deep-research',
  'gpt-5-codex',
  'gpt-5.1-codex',
  'gpt-5-pro',
  'computer-use-preview',
];

/** Whether a chat completion for `deployment` has to go to `/openai/v1/responses`. */
export function isResponsesOnlyModel(
  deployment: string | undefined,
  prefixes: readonly string[] = DEFAULT_AZURE_RESPONSES_ONLY_MODELS,
): boolean {
  if (!deployment) return false;
  const lower = deployment.toLowerCase();
  return prefixes.some((prefix) => lower.startsWith(prefix.toLowerCase()));
}
