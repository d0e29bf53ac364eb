import { GatewayError, UpstreamTimeoutError, UpstreamUnreachableError } from '@multi-ai-proxy/core';

const MAX_DETAIL_LENGTH = 200;

/**
 * A failed access-token request as the client sees it: the token endpoint refusing the credentials
 * (4xx: revoked key, disabled account, clock skew) → 401; no answer or a server error → 502/504.
 * The original error is NOT kept as `cause`: google-auth-library's error carries the request, whose
 * body holds the signed assertion (a credential in itself for an hour).
 */
export function mapTokenError(error: unknown, provider: string, tokenUrl: string): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  const candidate = error as {
    response?: { status?: number; data?: unknown };
    status?: number;
    code?: string | number;
    name?: string;
  };
  const host = hostOf(tokenUrl);
  const status = candidate?.response?.status ?? candidate?.status;
  if (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429
  ) {
    const detail = describeOAuthError(candidate.response?.data);
    return new GatewayError({
      message:
        `Provider "${provider}" could not obtain a Google Cloud access token: ${host} refused the credentials (HTTP ${status}${detail ? `, ${detail}` : ''}). ` +
        'Check the service account key (GOOGLE_APPLICATION_CREDENTIALS) or the Application Default Credentials.',
      status: 401,
      type: 'authentication_error',
      code: 'upstream_authentication_failed',
      expose: true,
    });
  }
  if (candidate?.name === 'TimeoutError' || candidate?.code === 'ETIMEDOUT')
    return new UpstreamTimeoutError(provider, host, undefined);
  const detail =
    typeof status === 'number'
      ? `access token request failed with HTTP ${status}`
      : `access token request failed${typeof candidate?.code === 'string' ? `: ${candidate.code}` : ''}`;
  return new UpstreamUnreachableError(provider, host, { detail });
}

// OAuth2 error answers (RFC 6749 §5.2): `error` and `error_description` are the server's words, safe to show.
function describeOAuthError(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const record = data as Record<string, unknown>;
  const parts = [record.error, record.error_description].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return parts.join(': ').slice(0, MAX_DETAIL_LENGTH);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the token endpoint';
  }
}
