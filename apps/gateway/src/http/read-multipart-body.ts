import busboy from 'busboy';
import getRawBody from 'raw-body';
import type { Context } from 'koa';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { refuseOversizedBody } from './refuse-oversized-body.js';

export interface MultipartBody {
  bytes: Buffer;
  contentType: string;
  /** The form field `model`, when present (audio routes route by it). */
  model: string | undefined;
}

/**
 * Reads a multipart body whole (within the limit, else 413 once the rest is discarded) and finds its
 * `model` field with busboy, so the upstream receives the exact bytes the client sent and routing
 * still knows the model.
 */
export async function readMultipartBody(ctx: Context, limitBytes: number): Promise<MultipartBody> {
  const contentType = ctx.get('content-type');
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new InvalidRequestError('This route takes a multipart/form-data body.', {
      status: 415,
      code: 'unsupported_media_type',
    });
  }
  // A declared length over the limit is refused before any of the body is read.
  if ((ctx.request.length ?? 0) > limitBytes) throw await refuseOversizedBody(ctx);
  let bytes: Buffer;
  try {
    bytes = await getRawBody(ctx.req, {
      limit: limitBytes,
      length: ctx.get('content-length') || undefined,
    });
  } catch (error) {
    if ((error as { status?: unknown }).status === 413) throw await refuseOversizedBody(ctx);
    throw error;
  }
  return { bytes, contentType, model: await findModelField(bytes, contentType) };
}

function findModelField(bytes: Buffer, contentType: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let model: string | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: 1024 } });
    } catch {
      reject(
        new InvalidRequestError('The multipart body has no valid boundary.', {
          code: 'invalid_multipart',
        }),
      );
      return;
    }
    parser.on('field', (name, value) => {
      if (name === 'model') model = value;
    });
    // File contents are already in `bytes`; here they are only skipped over.
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('close', () => resolve(model));
    parser.on('error', () =>
      reject(
        new InvalidRequestError('The multipart body is malformed.', { code: 'invalid_multipart' }),
      ),
    );
    parser.end(bytes);
  });
}
