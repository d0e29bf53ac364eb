import { describe, expect, it } from 'vitest';
import { rewriteMultipartModel } from './rewrite-multipart-model.js';

// Synthetic form (no recording of a multipart upload exists); the file bytes include CRLFs on purpose.
const form = (model: string) =>
  Buffer.concat([
    Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n',
    ),
    Buffer.from([0x52, 0x49, 0x46, 0x46, 0x0d, 0x0a, 0x00, 0xff]),
    Buffer.from(
      `\r\n--XyZ\r\nContent-Disposition: form-data; name="model"\r\n\r\n${model}\r\n--XyZ--\r\n`,
    ),
  ]);

describe('rewriteMultipartModel', () => {
  it('replaces only the model field value and keeps the binary file part', () => {
    const rewritten = rewriteMultipartModel(
      form('whisper'),
      'multipart/form-data; boundary=XyZ',
      'whisper-001',
    );
    expect(Buffer.from(rewritten).equals(form('whisper-001'))).toBe(true);
  });

  it('returns the same bytes when the model already matches, has no model field or no boundary', () => {
    const original = form('whisper-001');
    expect(
      rewriteMultipartModel(original, 'multipart/form-data; boundary="XyZ"', 'whisper-001'),
    ).toBe(original);
    const noModel = Buffer.from(
      '--B\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--B--\r\n',
    );
    expect(rewriteMultipartModel(noModel, 'multipart/form-data; boundary=B', 'x')).toBe(noModel);
    expect(rewriteMultipartModel(original, 'multipart/form-data', 'x')).toBe(original);
  });
});
