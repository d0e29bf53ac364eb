import { describe, expect, it } from 'vitest';
import { buildWavHeader, readPcmFormat, WAV_HEADER_BYTES } from './build-wav-header.js';
import { readWavDuration } from './read-wav-duration.js';

const format = { sampleRate: 24_000, channels: 1, bitsPerSample: 16 };

describe('buildWavHeader', () => {
  it('writes the 44-byte PCM header with the sizes of a known length', () => {
    const header = buildWavHeader(format, 960);
    expect(header).toHaveLength(WAV_HEADER_BYTES);
    expect(header.toString('latin1', 0, 4)).toBe('RIFF');
    expect(header.readUInt32LE(4)).toBe(36 + 960);
    expect(header.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect([header.readUInt32LE(16), header.readUInt16LE(20), header.readUInt16LE(22)]).toEqual([
      16, 1, 1,
    ]);
    expect([
      header.readUInt32LE(24),
      header.readUInt32LE(28),
      header.readUInt16LE(32),
      header.readUInt16LE(34),
    ]).toEqual([24_000, 48_000, 2, 16]);
    expect(header.toString('latin1', 36, 40)).toBe('data');
    expect(header.readUInt32LE(40)).toBe(960);
  });

  it("writes OpenAI's streamed sizes (0xFFFFFFFF) without a length, and reads back as a duration", () => {
    const header = buildWavHeader(format);
    expect(header.readUInt32LE(4)).toBe(0xffffffff);
    expect(header.readUInt32LE(40)).toBe(0xffffffff);
    expect(readWavDuration(Buffer.concat([header, Buffer.alloc(24_000)]))).toBe(0.5);
    expect(
      readWavDuration(Buffer.concat([buildWavHeader(format, 96_000), Buffer.alloc(96_000)])),
    ).toBe(2);
    expect(readWavDuration(Buffer.from('ID3 not a wav file'))).toBeUndefined();
  });
});

describe('readPcmFormat', () => {
  it("reads Gemini's L16 MIME type and nothing else", () => {
    expect(readPcmFormat('audio/L16;codec=pcm;rate=24000')).toEqual(format);
    expect(readPcmFormat('audio/L16;rate=16000')).toEqual({ ...format, sampleRate: 16_000 });
    expect(readPcmFormat('audio/wav')).toBeUndefined();
    expect(readPcmFormat(undefined)).toBeUndefined();
  });
});
