import type { ClientCredentialsV1 } from '@multi-ai-proxy/core';
import { isJwt } from '@multi-ai-proxy/core/provider-utils';

/**
 * Azure OpenAI credentials, in this order: the server-side key (AZURE_OPENAI_API_KEY) wins;
 * else the client's `api-key`; else its bearer value as `api-key`. A bearer that is a Microsoft
 * Entra ID token (a JWT) stays `Authorization: Bearer`: Azure rejects a token sent as an api-key. No credentials → no header (Azure answers 401, passed on).
 */
export function selectAzureAuthHeaders(
  serverKey: string | undefined,
  credentials: ClientCredentialsV1 | undefined,
): Record<string, string> {
  if (serverKey !== undefined) return { 'api-key': serverKey };
  if (credentials?.apiKey) return { 'api-key': credentials.apiKey };
  const bearer = credentials?.bearer;
  if (!bearer) return {};
  return isJwt(bearer) ? { authorization: `Bearer ${bearer}` } : { 'api-key': bearer };
}
