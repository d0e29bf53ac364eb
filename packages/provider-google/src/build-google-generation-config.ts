import type { ChatCompletionRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { convertJsonSchemaToGoogleSchema } from './convert-json-schema-to-google-schema.js';
import type { GoogleGenerationConfig } from './google-api-types.js';
import { acceptsPenalties } from './google-model-traits.js';
import type { GoogleExtraBody } from './read-google-extra-body.js';
import { resolveThinkingConfig } from './resolve-thinking-config.js';

export interface BuildGoogleGenerationConfigOptions {
  modelId: string;
  /** Send `response_format.json_schema.schema` as `responseJsonSchema` (raw) instead of the sanitized `responseSchema`. */
  useJsonSchema: boolean;
  /** Ask for thought summaries (→ `reasoning_content`). Default: when `reasoning_effort` is set and not `none`. */
  includeThoughts?: boolean;
  /** Google's `extra_body.google` (its `thinking_config`). */
  extra?: GoogleExtraBody;
}

type GenerationFields = Pick<
  ChatCompletionRequest,
  | 'max_tokens'
  | 'max_completion_tokens'
  | 'temperature'
  | 'top_p'
  | 'n'
  | 'stop'
  | 'presence_penalty'
  | 'frequency_penalty'
  | 'seed'
  | 'logprobs'
  | 'top_logprobs'
  | 'response_format'
  | 'reasoning_effort'
>;

/** OpenAI sampling/format fields → Gemini `generationConfig` (README "Parameter mapping"). Undefined when nothing is set. */
export function buildGoogleGenerationConfig(
  request: GenerationFields,
  options: BuildGoogleGenerationConfigOptions,
): GoogleGenerationConfig | undefined {
  const config: GoogleGenerationConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (isNumber(maxTokens)) config.maxOutputTokens = maxTokens;
  if (isNumber(request.temperature)) config.temperature = request.temperature;
  if (isNumber(request.top_p)) config.topP = request.top_p;
  if (isNumber(request.n)) config.candidateCount = request.n;
  if (typeof request.stop === 'string') config.stopSequences = [request.stop];
  else if (Array.isArray(request.stop) && request.stop.length > 0)
    config.stopSequences = request.stop.map(String);
  // Dropped for Gemini 2.5+ (400 "Penalty is not enabled"); 0 is OpenAI's default and means "no penalty": never sent.
  if (acceptsPenalties(options.modelId)) {
    if (isNumber(request.presence_penalty) && request.presence_penalty !== 0)
      config.presencePenalty = request.presence_penalty;
    if (isNumber(request.frequency_penalty) && request.frequency_penalty !== 0)
      config.frequencyPenalty = request.frequency_penalty;
  }
  if (isNumber(request.seed)) config.seed = request.seed;
  if (request.logprobs === true) {
    config.responseLogprobs = true;
    if (isNumber(request.top_logprobs) && request.top_logprobs > 0)
      config.logprobs = Math.min(request.top_logprobs, 20);
  }

  const format = request.response_format;
  if (format && typeof format === 'object') {
    if (format.type === 'json_object') config.responseMimeType = 'application/json';
    else if (format.type === 'json_schema') {
      config.responseMimeType = 'application/json';
      const schema = format.json_schema?.schema;
      if (schema && typeof schema === 'object') {
        if (options.useJsonSchema) config.responseJsonSchema = schema;
        else {
          const converted = convertJsonSchemaToGoogleSchema(schema, {
            param: 'response_format.json_schema.schema',
          });
          if (converted) config.responseSchema = converted;
        }
      }
    } else if (format.type !== 'text') {
      throw new InvalidRequestError(
        `response_format.type "${String((format as { type?: unknown }).type)}" is not supported.`,
        { param: 'response_format.type' },
      );
    }
  }

  const thinking = resolveThinkingConfig(request.reasoning_effort, {
    modelId: options.modelId,
    extra: options.extra,
    includeThoughts: options.includeThoughts,
  });
  if (thinking) config.thinkingConfig = thinking;
  return Object.keys(config).length > 0 ? config : undefined;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
