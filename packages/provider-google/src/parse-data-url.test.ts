import { describe, expect, it } from 'vitest';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('reads base64 and percent-encoded data URLs', () => {
    expect(parseDataUrl('data:image/PNG;base64,iVBO Rw0K')).toEqual({ mimeType: 'image/png', data: 'iVBORw0K' });
    expect(parseDataUrl('data:,a%20b')).toEqual({ mimeType: 'text/plain', data: Buffer.from('a b').toString('base64') });
    expect(parseDataUrl('https://example.com/x.png')).toBeUndefined();
  });

  it('answers 400 naming the param for malformed percent-encoding instead of throwing a URIError', () => {
    expect(() => parseDataUrl('data:text/plain,100%', 'messages[0].content[0].image_url.url')).toThrow(
      expect.objectContaining({ status: 400, type: 'invalid_request_error', param: 'messages[0].content[0].image_url.url' }),
    );
    expect(() => parseDataUrl('data:text/plain,%E0%A4%A')).not.toThrow(URIError);
  });

  it('names the content part of a chat request that carries the malformed data: URL', async () => {
    const request = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'data:image/png,%zz' } }] },
        { role: 'user' as const, content: [{ type: 'file' as const, file: { file_data: 'data:application/pdf,%' } }] },
      ],
    };
    await expect(convertToGoogleRequest(request, { flavor: 'gemini', modelId: 'gemini-2.5-flash' })).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[0].image_url.url',
    });
    await expect(convertToGoogleRequest({ ...request, messages: [request.messages[1] as (typeof request.messages)[number]] }, { flavor: 'gemini', modelId: 'gemini-2.5-flash' })).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[0].file.file_data',
    });
  });
});
