import { InvalidRequestError } from '@multi-ai-proxy/core';

/** A passthrough request's JSON body as an object (the host already checked it parses); 400 otherwise. */
export function readJsonObject(body: Uint8Array | undefined): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body ?? new Uint8Array()).toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InvalidRequestError('The request body must be a JSON object.', {
      code: 'invalid_json',
    });
  return parsed as Record<string, unknown>;
}
