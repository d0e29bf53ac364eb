const JWT_PATTERN = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

/** Whether a bearer value looks like a JWT (e.g. a Microsoft Entra ID access token) rather than an API key. */
export function isJwt(value: string): boolean {
  return value.startsWith('ey') && JWT_PATTERN.test(value);
}
