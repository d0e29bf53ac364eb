/**
 * The length in seconds of a PCM WAV file from its `fmt ` and `data` chunks (a streamed WAV's unknown
 * `data` size counts the bytes present), or undefined for anything else: Gemini reports no duration,
 * so verbose_json has one only for WAV uploads.
 */
export function readWavDuration(bytes: Buffer): number | undefined {
  if (
    bytes.length < 12 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  )
    return undefined;
  let byteRate: number | undefined;
  // At most 64 chunks: a crafted file cannot keep the loop going.
  for (let offset = 12, chunks = 0; offset + 8 <= bytes.length && chunks < 64; chunks++) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= bytes.length) byteRate = bytes.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (byteRate === undefined || byteRate === 0) return undefined;
      const present = Math.min(size, bytes.length - offset - 8);
      return Math.round((present / byteRate) * 1000) / 1000;
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
