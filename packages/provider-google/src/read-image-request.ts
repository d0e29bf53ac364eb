import { InvalidRequestError } from '@multi-ai-proxy/core';

/** The fields of an OpenAI image request the Google image models can honour, checked. */
export interface ImageRequest {
  prompt: string;
  n: number;
  /** `1024x1536`, `16:9`, or undefined for `auto` / not given. */
  size: string | undefined;
  /** `low` | `medium` | `standard` → 1K, `high` | `hd` → 2K where the model has sizes; `auto` → undefined. */
  resolution: '1K' | '2K' | undefined;
  /** `png` (default) or `jpeg`; `webp` is refused. */
  outputFormat: 'png' | 'jpeg' | undefined;
  /** 0–100, JPEG only. */
  outputCompression: number | undefined;
}

/** Images one request may ask for: Imagen's `sampleCount` limit, and as many Gemini calls. */
export const MAX_IMAGES = 4;
/** Longest prompt taken (OpenAI's own limit for gpt-image-1); Imagen reads 480 tokens of it. */
const MAX_PROMPT_CHARS = 32_000;

const QUALITY: Record<string, ImageRequest['resolution'] | 'auto'> = {
  auto: 'auto',
  low: '1K',
  medium: '1K',
  standard: '1K',
  high: '2K',
  hd: '2K',
};

/**
 * An OpenAI `/v1/images/generations` body (or the fields of an `/v1/images/edits` form, all strings)
 * read for Google's image models: 400 naming the field for what they cannot do — `response_format: url`
 * (the gateway has nowhere to host an image), `stream`, a transparent `background`, `webp`, more than
 * MAX_IMAGES images. `user`, `moderation` and `style` are accepted and not sent (no Google equivalent).
 */
export function readImageRequest(
  fields: Record<string, unknown>,
  upstreamName: string,
): ImageRequest {
  const prompt = fields.prompt;
  if (typeof prompt !== 'string' || prompt.trim().length === 0)
    throw new InvalidRequestError('`prompt` is required: a non-empty string.', { param: 'prompt' });
  if (prompt.length > MAX_PROMPT_CHARS)
    throw new InvalidRequestError(`\`prompt\` is longer than ${MAX_PROMPT_CHARS} characters.`, {
      param: 'prompt',
    });
  const n = readInteger(fields.n, 'n') ?? 1;
  if (n < 1 || n > MAX_IMAGES)
    throw new InvalidRequestError(
      `\`n\` must be between 1 and ${MAX_IMAGES} on ${upstreamName} (Imagen's sampleCount limit).`,
      { param: 'n' },
    );
  const responseFormat = fields.response_format;
  if (responseFormat !== undefined && responseFormat !== null && responseFormat !== 'b64_json') {
    throw new InvalidRequestError(
      responseFormat === 'url'
        ? `\`response_format: "url"\` is not available on ${upstreamName}: Google returns the image bytes and the gateway has nowhere to host them. Use "b64_json".`
        : '`response_format` must be "b64_json".',
      { param: 'response_format', code: 'unsupported_response_format' },
    );
  }
  if (fields.stream === true || fields.stream === 'true')
    throw new InvalidRequestError(
      `Streamed image generation (\`stream: true\`) is not available on ${upstreamName}.`,
      { param: 'stream' },
    );
  if (fields.background === 'transparent')
    throw new InvalidRequestError(
      `\`background: "transparent"\` is not available on ${upstreamName}: its images are opaque.`,
      { param: 'background' },
    );
  const quality = readOptionalString(fields.quality, 'quality');
  const resolution = quality === undefined ? undefined : QUALITY[quality];
  if (quality !== undefined && resolution === undefined)
    throw new InvalidRequestError(
      `\`quality\` must be one of ${Object.keys(QUALITY).join(', ')}.`,
      { param: 'quality' },
    );
  const format = readOptionalString(fields.output_format, 'output_format');
  if (format !== undefined && format !== 'png' && format !== 'jpeg')
    throw new InvalidRequestError(
      `\`output_format\` must be "png" or "jpeg" on ${upstreamName} (no webp).`,
      { param: 'output_format' },
    );
  const compression = readInteger(fields.output_compression, 'output_compression');
  if (compression !== undefined && (compression < 0 || compression > 100))
    throw new InvalidRequestError('`output_compression` must be between 0 and 100.', {
      param: 'output_compression',
    });
  const size = readOptionalString(fields.size, 'size');
  return {
    prompt,
    n,
    size: size === 'auto' ? undefined : size,
    resolution: resolution === 'auto' ? undefined : resolution,
    outputFormat: format,
    outputCompression: compression,
  };
}

function readOptionalString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new InvalidRequestError(`\`${param}\` must be a string.`, { param });
  return value;
}

/** A JSON number or a form field's digits. */
function readInteger(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number =
    typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw new InvalidRequestError(`\`${param}\` must be an integer.`, { param });
  return number;
}
