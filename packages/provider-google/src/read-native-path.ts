import { InvalidRequestError } from '@multi-ai-proxy/core';

// One path segment of a Google API path: `models`, `gemini-2.5-flash:streamGenerateContent`, `cachedContents`.
// No `%` (an encoded `/` or `.` could mean something else upstream), no `@`, no empty segment.
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~:-]*$/;

/**
 * The path a native pass-through call may take on its upstream, checked segment by segment: it starts
 * with one of `versions` (`v1beta`, `v1`), has no empty, `.` or `..` segment and no encoded character,
 * so it can only name a resource under the configured host, never another host or a parent path.
 * Returns the path with a leading `/`; a 400 naming `path` otherwise.
 */
export function readNativePath(
  rest: string | undefined,
  versions: readonly string[],
  route: string,
): string {
  const path = (rest ?? '').replace(/^\//, '');
  const segments = path.split('/');
  const invalid = segments.find(
    (segment) => !SEGMENT.test(segment) || segment === '.' || segment === '..',
  );
  if (path.length === 0 || invalid !== undefined) {
    throw new InvalidRequestError(
      `"${route}${path.slice(0, 200)}" is not a path this gateway forwards: use plain segments (no "..", no percent-encoding).`,
      {
        param: 'path',
        code: 'invalid_path',
      },
    );
  }
  if (!versions.includes(segments[0] as string)) {
    throw new InvalidRequestError(
      `${route} forwards ${versions.map((version) => `${route}${version}/…`).join(' and ')} only.`,
      { param: 'path', code: 'invalid_path' },
    );
  }
  return `/${path}`;
}
