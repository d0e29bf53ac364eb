import { InvalidRequestError } from '@multi-ai-proxy/core';

export interface MultipartFile {
  /** The form field (`file`, `image`, `image[]`). */
  field: string;
  filename: string;
  /** The part's Content-Type, or undefined when the client sent none (or `application/octet-stream`). */
  contentType: string | undefined;
  bytes: Buffer;
}

export interface MultipartForm {
  /** Text fields; a repeated field keeps its last value (`timestamp_granularities[]` keeps all, in `lists`). */
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  files: MultipartFile[];
}

/**
 * A multipart/form-data body (already read whole by the host within its size limit) parsed with the
 * WHATWG `Response.formData()` Node ships (undici): no parser dependency. Not multipart, or malformed:
 * a 400 (415 for another content type), never a crash.
 */
export async function readMultipartForm(
  body: Uint8Array | undefined,
  contentType: string | undefined,
): Promise<MultipartForm> {
  if (contentType === undefined || !/^multipart\/form-data/i.test(contentType))
    throw new InvalidRequestError('This route takes a multipart/form-data body.', {
      status: 415,
      code: 'unsupported_media_type',
    });
  let form: FormData;
  try {
    form = await new Response(body ?? new Uint8Array(), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new InvalidRequestError('The multipart body is malformed.', {
      code: 'invalid_multipart',
    });
  }
  const fields: Record<string, string> = Object.create(null);
  const lists: Record<string, string[]> = Object.create(null);
  const files: MultipartFile[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      fields[name] = value;
      lists[name] = [...(lists[name] ?? []), value];
      continue;
    }
    const type = value.type && value.type !== 'application/octet-stream' ? value.type : undefined;
    files.push({
      field: name,
      filename: value.name ?? '',
      contentType: type?.split(';', 1)[0]?.trim().toLowerCase(),
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { fields, lists, files };
}
