import type { Readable } from 'node:stream';
import type { PassthroughOperationV1 } from './passthrough-operation-v1.js';

/** A request the host forwards as-is: files, audio, images, fine-tuning, responses, deployments. */
export interface PassthroughRequestV1 {
  operation: PassthroughOperationV1;
  method: string;
  /** The incoming path, e.g. `/v1/files/file-1/content` or `/deployments/abc`. */
  path: string;
  /** Path parameters by name: `fileId`, `jobId`, `responseId`, `modelId`, `deploymentId`, `rest`. */
  params: Readonly<Record<string, string>>;
  /** Content type of the body, if any. */
  contentType: string | undefined;
  /** The request body: bytes (JSON and multipart routes) or a stream (large uploads). */
  body: Uint8Array | Readable | undefined;
}
