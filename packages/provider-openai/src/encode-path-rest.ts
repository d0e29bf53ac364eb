import { InvalidRequestError } from '@multi-ai-proxy/core';

/**
 * Encodes a path tail taken from the client (`/ftjob-1/events`, a file id) for an upstream URL.
 * Each segment is percent-encoded, and `.`/`..` segments are refused so that a crafted id cannot
 * climb out of the upstream route it was meant for.
 */
export function encodePathRest(rest: string | undefined): string {
  if (rest === undefined || rest === '') return '';
  const segments = rest.split('/');
  const encoded: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (index === 0 && segment === '') continue;
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidRequestError('The request path contains an empty or relative segment.', {
        code: 'invalid_path',
      });
    }
    encoded.push(encodeURIComponent(segment));
  }
  return encoded.length === 0 ? '' : `/${encoded.join('/')}`;
}
