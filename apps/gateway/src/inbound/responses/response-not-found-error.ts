import { InvalidRequestError } from '@multi-ai-proxy/core';

// An id is echoed as the client sent it, cut short: an error body never grows with the request.
const shown = (id: string) => (id.length > 128 ? `${id.slice(0, 128)}…` : id);

/** `GET`/`DELETE /v1/responses/{id}` for a response this key cannot see: OpenAI's 404. */
export function responseNotFoundError(responseId: string): InvalidRequestError {
  return new InvalidRequestError(`No response found with id '${shown(responseId)}'.`, {
    status: 404,
  });
}

/** `previous_response_id` naming nothing this key stored (unknown, expired, deleted, another key's): OpenAI's 400. */
export function previousResponseNotFoundError(responseId: string): InvalidRequestError {
  return new InvalidRequestError(`Previous response with id '${shown(responseId)}' not found.`, {
    param: 'previous_response_id',
    code: 'previous_response_not_found',
  });
}
