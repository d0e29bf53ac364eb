import type { ChatCompletionFinishReason, ResponseObject } from '../../openai/index.js';
import type { ResponsesTranslation } from './convert-responses-request-to-chat.js';

export interface ResponseIdentity {
  id: string;
  /** The model the client named: answers repeat it, as for chat completions. */
  model: string;
  createdAt: number;
}

/** A Response object as `response.created` shows it: in progress, no output, the request's settings echoed. */
export function createResponseObject(
  identity: ResponseIdentity,
  translation: ResponsesTranslation,
): ResponseObject {
  return {
    id: identity.id,
    object: 'response',
    created_at: identity.createdAt,
    status: 'in_progress',
    background: false,
    completed_at: null,
    error: null,
    incomplete_details: null,
    model: identity.model,
    output: [],
    ...translation.echo,
    usage: null,
  };
}

/** The final status for a chat finish reason: a cut-off or filtered answer is `incomplete`, with the reason. */
export function finishResponseStatus(
  finishReason: ChatCompletionFinishReason | null | undefined,
): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  if (finishReason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}
