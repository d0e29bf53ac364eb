import { Mp3Encoder } from '@breezystack/lamejs';
import { buildWavHeader, type PcmFormat } from './build-wav-header.js';

/** The `response_format`s `/v1/audio/speech` answers from Gemini's PCM. */
export const SPEECH_FORMATS = ['mp3', 'wav', 'pcm'] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** MP3 bit rate for 24 kHz mono speech (OpenAI's tts-1 MP3 is of this order). */
const MP3_KBPS = 64;

/** Turns the model's PCM, chunk by chunk as it arrives, into the bytes of one response format. */
export interface SpeechEncoder {
  contentType: string;
  /** Bytes before the first sample (the WAV header). */
  start(): Buffer;
  write(pcm: Buffer): Buffer;
  /** Bytes after the last sample (the MP3 encoder's last frames). */
  end(): Buffer;
}

/**
 * `pcm`: the samples as they are (OpenAI's `pcm` is the same 24 kHz 16-bit little-endian mono);
 * `wav`: the 44-byte header with streamed (unknown) sizes, then the samples; `mp3`: encoded on the fly
 * by lamejs (pure JavaScript, no native build). A chunk ending in half a sample keeps that byte for
 * the next chunk, so the encoder only ever sees whole samples.
 */
export function createSpeechEncoder(format: SpeechFormat, pcm: PcmFormat): SpeechEncoder {
  if (format === 'pcm') return passThrough('audio/pcm', Buffer.alloc(0));
  if (format === 'wav') return passThrough('audio/wav', buildWavHeader(pcm));
  const encoder = new Mp3Encoder(pcm.channels === 2 ? 2 : 1, pcm.sampleRate, MP3_KBPS);
  let carry: Buffer = Buffer.alloc(0);
  return {
    contentType: 'audio/mpeg',
    start: () => Buffer.alloc(0),
    write(chunk) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % 2);
      carry = bytes.subarray(whole);
      const samples = new Int16Array(whole / 2);
      for (let index = 0; index < samples.length; index++)
        samples[index] = bytes.readInt16LE(index * 2);
      return Buffer.from(encoder.encodeBuffer(samples));
    },
    end: () => Buffer.from(encoder.flush()),
  };
}

function passThrough(contentType: string, header: Buffer): SpeechEncoder {
  return {
    contentType,
    start: () => header,
    write: (chunk) => chunk,
    end: () => Buffer.alloc(0),
  };
}
