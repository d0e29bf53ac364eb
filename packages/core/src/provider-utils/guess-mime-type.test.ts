import { describe, expect, it } from 'vitest';
import { guessMimeType } from './guess-mime-type.js';

describe('guessMimeType', () => {
  it('reads the extension of a file name or URL path, ignoring query and fragment', () => {
    expect(guessMimeType('https://example.com/a/cat.PNG?sig=x#y')).toBe('image/png');
    expect(guessMimeType('report.pdf')).toBe('application/pdf');
    expect(guessMimeType('https://example.com/v1.2/cat')).toBeUndefined();
    expect(guessMimeType('archive.xyz')).toBeUndefined();
  });
});
