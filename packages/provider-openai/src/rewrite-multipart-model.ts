/**
 * Replaces the value of the `model` form field in a buffered multipart/form-data body (audio
 * transcription on an upstream that wants the deployment name in the form). Every other byte,
 * including the file part, is kept. Returns the input when there is no boundary or no `model` field.
 */
export function rewriteMultipartModel(
  body: Uint8Array,
  contentType: string | undefined,
  model: string,
): Uint8Array {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const boundaryValue = boundary?.[1] ?? boundary?.[2]?.trim();
  if (!boundaryValue) return body;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundaryValue}`);
  let position = buffer.indexOf(delimiter);
  // Bounded: every step moves past one delimiter.
  while (position !== -1) {
    const headersStart = position + delimiter.length;
    const headersEnd = buffer.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) return body;
    const partHeaders = buffer.subarray(headersStart, headersEnd).toString('latin1');
    const next = buffer.indexOf(delimiter, headersEnd + 4);
    if (next === -1) return body;
    if (/content-disposition:[^\r\n]*;\s*name="model"/i.test(partHeaders)) {
      const valueStart = headersEnd + 4;
      const valueEnd = next - 2; // the CRLF before the next delimiter belongs to the delimiter
      if (buffer.subarray(valueStart, valueEnd).toString('utf8') === model) return body;
      return Buffer.concat([
        buffer.subarray(0, valueStart),
        Buffer.from(model, 'utf8'),
        buffer.subarray(valueEnd),
      ]);
    }
    position = next;
  }
  return body;
}
