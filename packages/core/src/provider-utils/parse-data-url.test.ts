import { describe, expect, it } from 'vitest';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('reads base64 and percent-encoded data URLs', () => {
    expect(parseDataUrl('data:image/PNG;base64,iVBO Rw0K')).toEqual({
      mimeType: 'image/png',
      data: 'iVBORw0K',
    });
    expect(parseDataUrl('data:,a%20b')).toEqual({
      mimeType: 'text/plain',
      data: Buffer.from('a b').toString('base64'),
    });
    expect(parseDataUrl('https://example.com/x.png')).toBeUndefined();
  });

  it('answers 400 naming the param for malformed percent-encoding instead of throwing a URIError', () => {
    expect(() =>
      parseDataUrl('data:text/plain,100%', 'messages[0].content[0].image_url.url'),
    ).toThrow(
      expect.objectContaining({
        status: 400,
        type: 'invalid_request_error',
        param: 'messages[0].content[0].image_url.url',
      }),
    );
    expect(() => parseDataUrl('data:text/plain,%E0%A4%A')).not.toThrow(URIError);
  });
});
