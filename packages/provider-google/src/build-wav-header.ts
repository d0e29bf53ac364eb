export interface PcmFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

/** Size of the canonical PCM WAV header: RIFF (12) + `fmt ` chunk (24) + `data` chunk header (8). */
export const WAV_HEADER_BYTES = 44;
/** The size fields of a WAV streamed before its length is known, as OpenAI's own streamed WAV has them. */
const UNKNOWN_LENGTH = 0xffffffff;

/**
 * The 44-byte header of a PCM (format 1) WAV file, little-endian. `dataBytes` undefined writes the
 * "unknown length" sizes (0xFFFFFFFF) of a streamed WAV — what OpenAI's `/v1/audio/speech` sends and
 * what browsers, ffmpeg and most players read as "until the end of the stream".
 */
export function buildWavHeader(format: PcmFormat, dataBytes?: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(dataBytes === undefined ? UNKNOWN_LENGTH : 36 + dataBytes, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes === undefined ? UNKNOWN_LENGTH : dataBytes, 40);
  return header;
}

/**
 * The PCM format of a Gemini audio part's MIME type: `audio/L16;codec=pcm;rate=24000` (what the TTS
 * models send: 16-bit signed little-endian, mono). Undefined for anything that is not raw L16 PCM.
 */
export function readPcmFormat(mimeType: string | undefined): PcmFormat | undefined {
  if (mimeType === undefined) return undefined;
  const [type, ...parameters] = mimeType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'audio/l16' && type !== 'audio/pcm') return undefined;
  let sampleRate = 24_000;
  let channels = 1;
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=');
    const number = Number(value);
    if (name === 'rate' && Number.isInteger(number) && number > 0) sampleRate = number;
    if (name === 'channels' && Number.isInteger(number) && number > 0) channels = number;
  }
  return { sampleRate, channels, bitsPerSample: 16 };
}
