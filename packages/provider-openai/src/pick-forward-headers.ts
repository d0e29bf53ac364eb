/**
 * Client headers worth passing upstream: content negotiation, OpenAI/Azure feature flags and
 * tracing ids. Everything else (cookies, host, the gateway's own auth) stays behind.
 */
const FORWARDED_NAMES = new Set([
  'accept',
  'openai-beta',
  'openai-organization',
  'openai-project',
  'extra-parameters',
  'azureml-model-deployment',
  'x-request-id',
]);
const FORWARDED_PREFIXES = ['x-ms-', 'aoai-'];

export function pickForwardHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (FORWARDED_NAMES.has(name) || FORWARDED_PREFIXES.some((prefix) => name.startsWith(prefix)))
      picked[name] = value;
  }
  return picked;
}
