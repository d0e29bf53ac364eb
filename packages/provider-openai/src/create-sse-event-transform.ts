import { Transform, type TransformCallback } from 'node:stream';

/**
 * Rewrites one SSE event (its lines without the blank separator line): return the event to write
 * (the same string to keep its bytes) or undefined to drop it.
 */
export interface SseEventRewriter {
  (event: string): string | undefined;
  /**
   * Optional cheap pre-check on the raw UTF-8 bytes of one event (`bytes[start, end)`, separator
   * excluded). Answering false promises that the rewriter would return the event unchanged and
   * change no state of its own, so the transform forwards the bytes without decoding them (the
   * hot path: almost every event of a stream). It may answer true for events it then keeps.
   */
  mayRewrite?: (bytes: Buffer, start: number, end: number) => boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const SEPARATOR = Buffer.from('\n\n');

/**
 * A Transform that splits an SSE byte stream into events and writes each one as soon as its blank
 * line arrives, passing unchanged events through byte for byte (with `\n\n` separators). Used for
 * streamed passthrough where a few events need fixing (Azure's filter-only chunks).
 *
 * It works on bytes: a separator (`\r?\n\r?\n`) is ASCII and never inside a multi-byte character,
 * so events are cut without decoding, and a chunk of whole events that the rewriter leaves alone
 * (see `mayRewrite`) with `\n\n` separators is pushed on as the same Buffer. Only events the
 * rewriter may change are decoded to strings.
 */
export function createSseEventTransform(rewrite: SseEventRewriter): Transform {
  const splitter = new SseEventSplitter(rewrite);
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback: TransformCallback) {
      let output: Buffer | undefined;
      try {
        output = splitter.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(null, output);
    },
    flush(callback: TransformCallback) {
      let output: Buffer | undefined;
      try {
        output = splitter.end();
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(null, output);
    },
  });
}

/**
 * The state of one stream. Per chunk it allocates nothing when the chunk is whole kept events
 * (the usual case); the output of a chunk is built from runs of its input bytes written as they
 * are, plus the replaced events (rare: only then are parts collected and concatenated).
 */
class SseEventSplitter {
  // Bytes of the incomplete last event (no complete separator in them), in arrival order.
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private bytes: Buffer = SEPARATOR;
  private runStart = 0;
  private runEnd = 0;
  private parts: Buffer[] | undefined;
  private partsLength = 0;

  constructor(private readonly rewrite: SseEventRewriter) {}

  write(chunk: Buffer): Buffer | undefined {
    let bytes = chunk;
    let from = 0;
    if (this.pendingLength > 0) {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      // Every separator ends with LF: without one in the chunk, no event has completed.
      if (chunk.indexOf(LF) === -1) return undefined;
      // A separator may have started in the last 2 pending bytes (`\n` or `\n\r`).
      from = Math.max(0, this.pendingLength - chunk.length - 2);
      bytes = Buffer.concat(this.pending, this.pendingLength);
      this.pending = [];
      this.pendingLength = 0;
    }
    this.bytes = bytes;
    this.runStart = this.runEnd = 0;
    this.parts = undefined;
    this.partsLength = 0;
    const { length } = bytes;
    const { rewrite } = this;
    const mayRewrite = rewrite.mayRewrite;
    let eventStart = 0;
    while (from < length) {
      const lf = bytes.indexOf(LF, from);
      if (lf === -1 || lf + 1 >= length) break;
      // The separator after an LF: a second LF, or CR LF (as `/\r?\n\r?\n/` finds it).
      let separatorEnd: number;
      const next = bytes[lf + 1];
      if (next === LF) separatorEnd = lf + 2;
      else if (next === CR) {
        if (lf + 2 >= length) break; // `\n\r` at the end: not complete yet
        if (bytes[lf + 2] !== LF) {
          from = lf + 2;
          continue;
        }
        separatorEnd = lf + 3;
      } else {
        from = lf + 1;
        continue;
      }
      const separatorStart = lf > eventStart && bytes[lf - 1] === CR ? lf - 1 : lf;
      // An empty event (a run of blank lines) writes nothing.
      if (separatorStart > eventStart) {
        if (mayRewrite !== undefined && !mayRewrite(bytes, eventStart, separatorStart))
          this.keep(eventStart, separatorStart, separatorEnd);
        else {
          const event = bytes.toString('utf8', eventStart, separatorStart);
          const rewritten = rewrite(event);
          if (rewritten === event) this.keep(eventStart, separatorStart, separatorEnd);
          else if (rewritten !== undefined) this.add(Buffer.from(`${rewritten}\n\n`));
        }
      }
      eventStart = separatorEnd;
      from = separatorEnd;
    }
    if (eventStart < length) {
      this.pending.push(eventStart === 0 ? bytes : bytes.subarray(eventStart));
      this.pendingLength = length - eventStart;
    }
    return this.finishOutput();
  }

  /** The last event when the stream ends without its blank line (trailing whitespace removed). */
  end(): Buffer | undefined {
    if (this.pendingLength === 0) return undefined;
    const rest = Buffer.concat(this.pending, this.pendingLength).toString().replace(/\s+$/, '');
    this.pending = [];
    this.pendingLength = 0;
    if (rest === '') return undefined;
    const rewritten = this.rewrite(rest);
    return rewritten === undefined ? undefined : Buffer.from(`${rewritten}\n\n`);
  }

  /** Writes the event `bytes[start, separatorStart)` unchanged, with a `\n\n` separator. */
  private keep(start: number, separatorStart: number, separatorEnd: number): void {
    // A 2-byte separator can only be `\n\n`: then the input bytes are the output bytes.
    const end = separatorEnd - separatorStart === 2 ? separatorEnd : separatorStart;
    if (this.runEnd !== start) {
      this.closeRun();
      this.runStart = start;
    }
    this.runEnd = end;
    if (end === separatorStart) this.add(SEPARATOR);
  }

  private add(part: Buffer): void {
    this.closeRun();
    this.pushPart(part);
  }

  private closeRun(): void {
    if (this.runEnd > this.runStart) this.pushPart(this.bytes.subarray(this.runStart, this.runEnd));
    this.runStart = this.runEnd = 0;
  }

  private pushPart(part: Buffer): void {
    if (this.parts === undefined) this.parts = [part];
    else this.parts.push(part);
    this.partsLength += part.length;
  }

  private finishOutput(): Buffer | undefined {
    const { bytes, runStart, runEnd } = this;
    let output: Buffer | undefined;
    if (this.parts === undefined) {
      if (runEnd > runStart)
        output =
          runStart === 0 && runEnd === bytes.length ? bytes : bytes.subarray(runStart, runEnd);
    } else {
      this.closeRun();
      const { parts } = this;
      output = parts.length === 1 ? parts[0] : Buffer.concat(parts, this.partsLength);
      this.parts = undefined;
    }
    this.bytes = SEPARATOR; // do not keep the chunk alive until the next one
    return output;
  }
}
