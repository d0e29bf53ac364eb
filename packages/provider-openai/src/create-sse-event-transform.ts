import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

/**
 * Rewrites one SSE event (its lines without the blank separator line): return the event to write
 * (the same string to keep its bytes) or undefined to drop it.
 */
export type SseEventRewriter = (event: string) => string | undefined;

const SEPARATOR = /\r?\n\r?\n/g;

/**
 * A Transform that splits an SSE byte stream into events and writes each one as soon as its blank
 * line arrives, passing unchanged events through byte for byte (with `\n\n` separators). Used for
 * streamed passthrough where a few events need fixing (Azure's filter-only chunks).
 */
export function createSseEventTransform(rewrite: SseEventRewriter): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      // Rescan only the new text (plus 3 chars: a separator may straddle two chunks).
      SEPARATOR.lastIndex = Math.max(0, pending.length - 3);
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let output = '';
      let start = 0;
      try {
        for (let match = SEPARATOR.exec(pending); match !== null; match = SEPARATOR.exec(pending)) {
          output += emit(rewrite, pending.slice(start, match.index));
          start = match.index + match[0].length;
        }
      } catch (error) {
        callback(error as Error);
        return;
      }
      pending = pending.slice(start);
      callback(null, output === '' ? undefined : output);
    },
    flush(callback) {
      pending += decoder.end();
      const rest = pending.replace(/\s+$/, '');
      pending = '';
      callback(null, rest === '' ? undefined : emit(rewrite, rest));
    },
  });
}

function emit(rewrite: SseEventRewriter, event: string): string {
  if (event === '') return '';
  const rewritten = rewrite(event);
  return rewritten === undefined ? '' : `${rewritten}\n\n`;
}
