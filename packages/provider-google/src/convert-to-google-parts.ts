import type { ChatCompletionContentPart } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import type { GoogleFlavor, GooglePart } from './google-api-types.js';
import { type FetchMedia, guessMimeType, parseDataUrl } from '@multi-ai-proxy/core/provider-utils';

export interface ConvertToGooglePartsOptions {
  flavor: GoogleFlavor;
  /** Fetches http(s) media URLs; without it such URLs are refused with a 400. */
  fetchMedia?: FetchMedia;
  signal?: AbortSignal;
}

const AUDIO_MIME: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  mpeg: 'audio/mp3',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  aac: 'audio/aac',
  pcm16: 'audio/pcm',
};

/** OpenAI user content (string or parts) → Gemini parts, in order. `param` names the message for errors. */
export async function convertToGoogleParts(
  content: string | ChatCompletionContentPart[] | null | undefined,
  param: string,
  options: ConvertToGooglePartsOptions,
): Promise<GooglePart[]> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ text: content }];
  if (!Array.isArray(content))
    throw new InvalidRequestError(
      'Message content must be a string or an array of content parts.',
      { param },
    );
  return Promise.all(
    content.map((part, index) => convertPart(part, `${param}[${index}]`, options)),
  );
}

async function convertPart(
  part: ChatCompletionContentPart,
  param: string,
  options: ConvertToGooglePartsOptions,
): Promise<GooglePart> {
  switch (part?.type) {
    case 'text':
      return { text: String(part.text ?? '') };
    case 'refusal':
      return { text: String(part.refusal ?? '') };
    case 'image_url': {
      const url = typeof part.image_url === 'string' ? part.image_url : part.image_url?.url;
      if (typeof url !== 'string' || url.length === 0)
        throw new InvalidRequestError('image_url.url is required.', {
          param: `${param}.image_url.url`,
        });
      return convertMediaUrl(url, `${param}.image_url.url`, options);
    }
    case 'input_audio': {
      const audio = part.input_audio;
      if (!audio || typeof audio.data !== 'string')
        throw new InvalidRequestError('input_audio.data is required.', {
          param: `${param}.input_audio`,
        });
      const format = String(audio.format ?? 'wav').toLowerCase();
      return {
        inlineData: { mimeType: AUDIO_MIME[format] ?? `audio/${format}`, data: audio.data },
      };
    }
    case 'file':
      return convertFilePart(part.file, `${param}.file`, options);
    default:
      throw new InvalidRequestError(
        `Content part type "${String((part as { type?: unknown })?.type)}" is not supported by Gemini.`,
        { param: `${param}.type` },
      );
  }
}

async function convertMediaUrl(
  url: string,
  param: string,
  options: ConvertToGooglePartsOptions,
): Promise<GooglePart> {
  const dataUrl = parseDataUrl(url, param);
  if (dataUrl) return { inlineData: dataUrl };
  if (url.startsWith('gs://')) return { fileData: withMime(url) };
  if (isGeminiFileUri(url) || isYouTubeUrl(url)) return { fileData: withMime(url) };
  if (/^https?:\/\//i.test(url)) {
    if (!options.fetchMedia)
      throw new InvalidRequestError(
        'Remote media URLs are not enabled on this gateway; send the image as a data: URL.',
        { param },
      );
    return { inlineData: await options.fetchMedia(url, options.signal) };
  }
  throw new InvalidRequestError('The media URL must be a data:, gs:// or http(s) URL.', { param });
}

async function convertFilePart(
  file: { file_data?: string; file_id?: string; filename?: string } | undefined,
  param: string,
  options: ConvertToGooglePartsOptions,
): Promise<GooglePart> {
  if (!file) throw new InvalidRequestError('file is required.', { param });
  if (file.filename !== undefined && file.filename !== null && typeof file.filename !== 'string')
    throw new InvalidRequestError('file.filename must be a string.', {
      param: `${param}.filename`,
    });
  if (typeof file.file_data === 'string' && file.file_data.length > 0) {
    const dataUrl = parseDataUrl(file.file_data, `${param}.file_data`);
    if (dataUrl) return { inlineData: dataUrl };
    const mimeType = (file.filename && guessMimeType(file.filename)) ?? 'application/pdf';
    return { inlineData: { mimeType, data: file.file_data } };
  }
  if (typeof file.file_id === 'string' && file.file_id.length > 0) {
    if (file.file_id.startsWith('gs://') || isGeminiFileUri(file.file_id)) {
      const fileData = withMime(file.file_id);
      if (!fileData.mimeType && file.filename) {
        const guessed = guessMimeType(file.filename);
        if (guessed) fileData.mimeType = guessed;
      }
      return { fileData };
    }
    if (/^https?:\/\//i.test(file.file_id))
      return convertMediaUrl(file.file_id, `${param}.file_id`, options);
    throw new InvalidRequestError(
      'file.file_id must be a Gemini Files API URI or a gs:// URI; OpenAI file ids do not exist on Gemini.',
      {
        param: `${param}.file_id`,
      },
    );
  }
  throw new InvalidRequestError('file needs file_data or file_id.', { param });
}

function withMime(uri: string): { fileUri: string; mimeType?: string } {
  const mimeType = guessMimeType(uri);
  return mimeType ? { mimeType, fileUri: uri } : { fileUri: uri };
}

/** Gemini Files API URIs (`https://generativelanguage.googleapis.com/v1beta/files/abc`). */
function isGeminiFileUri(url: string): boolean {
  return /^https:\/\/generativelanguage\.googleapis\.com\/[^/]+\/files\//.test(url);
}

function isYouTubeUrl(url: string): boolean {
  return /^https:\/\/(www\.)?(youtube\.com\/watch\?|youtu\.be\/)/.test(url);
}
