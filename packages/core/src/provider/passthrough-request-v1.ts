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
  /**
   * The request body as bytes (JSON and multipart routes, read whole within the gateway's size limits),
   * or undefined for bodyless methods.
   */
  body: Uint8Array | undefined;
}
