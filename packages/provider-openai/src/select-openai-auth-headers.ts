import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';

/**
 * OpenAI wants `Authorization: Bearer <key>`. The server-side key wins; otherwise the client's own
 * key (from `Authorization` or, for Azure-style clients, `api-key`) is passed on. No key → no header
 * (the upstream answers 401, which the client then sees).
 */
export function selectOpenAIAuthHeaders(
  serverKey: string | undefined,
  credentials: ClientCredentialsV1 | undefined,
): Record<string, string> {
  const key = serverKey ?? credentials?.bearer ?? credentials?.apiKey;
  return key ? { authorization: `Bearer ${key}` } : {};
}
