import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { GoogleSafetySetting } from './google-api-types.js';

/** The `thinking_config` of Google's `extra_body`, as the client wrote it (checked against the model later). */
export interface GoogleExtraThinkingConfig {
  thinkingBudget?: number;
  /** Upper-cased: `LOW`, `HIGH`, … */
  thinkingLevel?: string;
  includeThoughts?: boolean;
}

/** Google's OpenAI-compatibility extensions on one chat request (README "Google's extensions"). */
export interface GoogleExtraBody {
  /** Where the client put them (`google` or `extra_body.google`): the prefix of every `param` in errors. */
  param: string;
  thinkingConfig?: GoogleExtraThinkingConfig;
  cachedContent?: string;
  safetySettings?: GoogleSafetySetting[];
}

const FIELDS = ['thinking_config', 'cached_content', 'safety_settings'] as const;
const THINKING_FIELDS = ['thinking_budget', 'thinking_level', 'include_thoughts'] as const;

/**
 * Reads `extra_body.google` of Google's OpenAI-compatible endpoint. The OpenAI SDKs merge `extra_body`
 * into the JSON body, so it arrives as a top-level `google` object; clients that nest it (Google's own
 * Python example) send `extra_body: {google: …}`. Both are accepted, not both at once. Keys are
 * snake_case as Google documents them (camelCase accepted too); an unknown key is a 400 naming it
 * rather than a silently dropped setting.
 */
export function readGoogleExtraBody(request: Record<string, unknown>): GoogleExtraBody | undefined {
  const top = request.google;
  const extraBody = request.extra_body;
  const nested = isObject(extraBody) ? extraBody.google : undefined;
  if (extraBody !== undefined && extraBody !== null && !isObject(extraBody))
    throw invalid('extra_body', 'must be an object.');
  if (top !== undefined && nested !== undefined)
    throw invalid(
      'google',
      'is given twice (top-level `google` and `extra_body.google`): send one.',
    );
  const value = top ?? nested;
  const param = top !== undefined ? 'google' : 'extra_body.google';
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(param, 'must be an object.');

  const result: GoogleExtraBody = { param };
  for (const [rawKey, field] of Object.entries(value)) {
    const key = toSnakeCase(rawKey);
    const at = `${param}.${rawKey}`;
    if (field === undefined || field === null) continue;
    switch (key as (typeof FIELDS)[number]) {
      case 'thinking_config':
        result.thinkingConfig = readThinkingConfig(field, at);
        break;
      case 'cached_content':
        if (typeof field !== 'string' || field.trim().length === 0)
          throw invalid(at, 'must be the name of a cached content (`cachedContents/…`).');
        result.cachedContent = field;
        break;
      case 'safety_settings':
        result.safetySettings = readSafetySettings(field, at);
        break;
      default:
        throw invalid(at, `is not a supported Google extension; supported: ${FIELDS.join(', ')}.`);
    }
  }
  return result;
}

function readThinkingConfig(value: unknown, param: string): GoogleExtraThinkingConfig {
  if (!isObject(value)) throw invalid(param, 'must be an object.');
  const config: GoogleExtraThinkingConfig = {};
  for (const [rawKey, field] of Object.entries(value)) {
    const key = toSnakeCase(rawKey);
    const at = `${param}.${rawKey}`;
    if (field === undefined || field === null) continue;
    switch (key as (typeof THINKING_FIELDS)[number]) {
      case 'thinking_budget':
        if (typeof field !== 'number' || !Number.isInteger(field) || field < -1)
          throw invalid(at, 'must be an integer: -1 (dynamic), 0 (off) or a token budget.');
        config.thinkingBudget = field;
        break;
      case 'thinking_level':
        if (typeof field !== 'string' || !/^(minimal|low|medium|high)$/i.test(field))
          throw invalid(at, 'must be one of minimal, low, medium, high.');
        config.thinkingLevel = field.toUpperCase();
        break;
      case 'include_thoughts':
        if (typeof field !== 'boolean') throw invalid(at, 'must be true or false.');
        config.includeThoughts = field;
        break;
      default:
        throw invalid(
          at,
          `is not a thinking_config field; supported: ${THINKING_FIELDS.join(', ')}.`,
        );
    }
  }
  if (config.thinkingBudget !== undefined && config.thinkingLevel !== undefined) {
    throw invalid(
      `${param}.thinking_level`,
      'cannot be combined with thinking_budget: set one of them.',
    );
  }
  return config;
}

function readSafetySettings(value: unknown, param: string): GoogleSafetySetting[] {
  if (!Array.isArray(value)) throw invalid(param, 'must be an array of {category, threshold}.');
  return value.map((entry, index) => {
    const at = `${param}[${index}]`;
    if (!isObject(entry)) throw invalid(at, 'must be an object with category and threshold.');
    const setting: GoogleSafetySetting = { category: '', threshold: '' };
    for (const [rawKey, field] of Object.entries(entry)) {
      const key = toSnakeCase(rawKey);
      if (key !== 'category' && key !== 'threshold' && key !== 'method')
        throw invalid(
          `${at}.${rawKey}`,
          'is not a safety setting field; supported: category, threshold, method.',
        );
      if (typeof field !== 'string' || field.length === 0)
        throw invalid(`${at}.${rawKey}`, 'must be a non-empty string.');
      setting[key] = field;
    }
    if (setting.category === '')
      throw invalid(`${at}.category`, 'is required (e.g. HARM_CATEGORY_HARASSMENT).');
    if (setting.threshold === '')
      throw invalid(`${at}.threshold`, 'is required (e.g. BLOCK_ONLY_HIGH).');
    return setting;
  });
}

function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(param: string, message: string): InvalidRequestError {
  return new InvalidRequestError(`${param} ${message}`, { param, code: 'invalid_value' });
}
