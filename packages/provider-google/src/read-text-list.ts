import { InvalidRequestError } from '@multi-ai-proxy/core';

export interface TextListRules {
  /** The request field, named in every error (`prompt`, `input`). */
  param: string;
  /** Most entries accepted: each one costs upstream work. */
  max: number;
  /** The 400 message for token-id arrays, which have no Gemini meaning. */
  tokenIdsMessage: string;
}

/**
 * An OpenAI "string or array of strings" field (completion prompts, embedding inputs) as a list of
 * texts; too many entries, token ids and anything else are 400s naming the field.
 */
export function readTextList(value: unknown, rules: TextListRules): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > rules.max) {
    throw new InvalidRequestError(
      `\`${rules.param}\` has ${value.length} items; at most ${rules.max} are allowed per request.`,
      { param: rules.param },
    );
  }
  if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string'))
    return value as string[];
  if (Array.isArray(value) && value.length > 0)
    throw new InvalidRequestError(rules.tokenIdsMessage, { param: rules.param });
  throw new InvalidRequestError(
    `${rules.param} must be a string or a non-empty array of strings.`,
    { param: rules.param },
  );
}
