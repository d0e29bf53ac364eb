import type { ResponseObject } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { Logger } from 'pino';
import type { ResponseStore } from '../../state/response-store.js';
import type { ResponsesConversionOptions } from '@multi-ai-proxy/core/inbound';
import { previousResponseNotFoundError } from './response-not-found-error.js';
import { toStoredInputItems } from './to-stored-input-items.js';

type Item = Record<string, unknown>;

/** A `/v1/responses` turn on a translated provider, as the response store sees it. */
export interface StoredTurn {
  /** The request with its `item_reference`s replaced by the items they name. */
  body: Record<string, unknown>;
  /** The stored history and whether this response is stored, for the translation. */
  conversion: ResponsesConversionOptions;
  /**
   * Stores the final Response object; called before the client is shown it complete, so a follow-up
   * sent the moment it arrives finds it. False when it was not kept (store off, too large, store down).
   */
  save(response: ResponseObject): Promise<boolean>;
}

/**
 * Looks up `previous_response_id` for the owner (unknown, expired or another key's → OpenAI's 400
 * `previous_response_not_found`) and prepares the record this turn will be stored as: the earlier
 * turns' input and output, then this request's input. Without a store the request is left as it is
 * (the translation answers 400 for the fields that need one); `store: false` reads but never writes.
 */
export async function prepareStoredTurn(
  store: ResponseStore | undefined,
  owner: string,
  body: Record<string, unknown>,
  logger: Logger,
): Promise<StoredTurn> {
  if (store === undefined) return { body, conversion: {}, save: async () => false };
  const previousId = body.previous_response_id;
  let history: Item[] | undefined;
  if (previousId !== undefined && previousId !== null) {
    if (typeof previousId !== 'string' || previousId.length === 0)
      throw new InvalidRequestError("'previous_response_id' must be a non-empty string.", {
        param: 'previous_response_id',
        code: 'invalid_type',
      });
    const previous = await store.get(owner, previousId);
    if (previous === undefined) throw previousResponseNotFoundError(previousId);
    history = [...previous.input, ...(previous.response.output as unknown as Item[])];
  }
  const input = resolveItemReferences(body.input, history ?? []);
  const keep = body.store !== false;
  const resolved = input === body.input ? body : { ...body, input };
  return {
    body: resolved,
    conversion: { history: history ?? [], store: keep },
    save: async (response) => {
      if (!keep) return false;
      try {
        const saved = await store.save(owner, {
          response,
          input: [...(history ?? []), ...toStoredInputItems(input)],
        });
        if (!saved)
          logger.warn(
            { responseId: response.id },
            'response not stored: larger than responses.store.maxResponseBytes',
          );
        return saved;
      } catch (error) {
        logger.warn(
          {
            responseId: response.id,
            error: { name: (error as Error)?.name, message: (error as Error)?.message },
          },
          'response not stored: the store failed',
        );
        return false;
      }
    },
  };
}

/** `{type: "item_reference", id}` → the item of the stored conversation with that id. */
function resolveItemReferences(input: unknown, history: readonly Item[]): unknown {
  if (!Array.isArray(input) || !input.some((item) => (item as Item)?.type === 'item_reference'))
    return input;
  return input.map((value, index) => {
    const item = value as Item;
    if (item?.type !== 'item_reference') return value;
    const found = history.find((candidate) => candidate.id === item.id);
    if (found === undefined)
      throw new InvalidRequestError(
        `Item with id '${String(item.id).slice(0, 128)}' not found: an item_reference can name only an item of the previous_response_id conversation.`,
        { param: `input[${index}].id`, code: 'invalid_value' },
      );
    return found;
  });
}
