import { readUpstreamFixture } from '@multi-ai-proxy/fixtures';
import { createSseEventTransform } from '@multi-ai-proxy/provider-openai/internal';
import { describe, expect, it } from 'vitest';
import { createAzureChunkFilter, FILTER_RESULTS_COMMENT } from './create-azure-chunk-filter.js';

const fixture = (name: string) => readUpstreamFixture('azure', name).toString('utf8');

describe('createAzureChunkFilter', () => {
  it('replaces the filter-only first chunk of the recorded gpt-4.1 stream with a comment at once and merges its results into the next chunk', () => {
    const events = fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt')
      .trim()
      .split('\n\n');
    const filter = createAzureChunkFilter();
    const output = events.map((event) => filter(event));
    expect(output[0]).toBe(FILTER_RESULTS_COMMENT);
    expect(output[0]?.startsWith(':')).toBe(true);
    const second = JSON.parse((output[1] as string).slice(6));
    expect(second.choices[0].delta).toEqual({ content: '', refusal: null, role: 'assistant' });
    expect(second.prompt_filter_results).toEqual(
      JSON.parse(events[0]!.slice(6)).prompt_filter_results,
    );
    // Every later event (deltas, finish, [DONE]) is passed on unchanged.
    expect(output.slice(2)).toEqual(events.slice(2));
  });

  it('keeps the usage chunk (choices: [] with usage) of the recorded model-router stream', () => {
    const lines = fixture('chat-completions.stream.content-filter.model-router.chunks.txt')
      .trim()
      .split('\n');
    const filter = createAzureChunkFilter();
    const output = lines.map((line) => filter(`data: ${line}`));
    expect(output[0]).toBe(FILTER_RESULTS_COMMENT);
    const last = output.at(-1) as string;
    expect(last).toBe(`data: ${lines.at(-1)}`);
    expect(JSON.parse(last.slice(6)).usage.total_tokens).toBe(93);
    expect(output.filter((event) => event !== undefined)).toHaveLength(lines.length);
    expect(output.filter((event) => event?.startsWith(':'))).toHaveLength(1);
  });

  describe('in the SSE transform, with events split across chunks', () => {
    const gpt41 = fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt');
    // The model-router recording holds the chunk JSON one per line; the stream framed them as SSE events.
    const modelRouter = fixture('chat-completions.stream.content-filter.model-router.chunks.txt')
      .trim()
      .split('\n')
      .map((line) => `data: ${line}\n\n`)
      .join('');

    /** What the filter writes for a stream, applied event by event without any transform. */
    function expectedOutput(stream: string): string {
      const filter = createAzureChunkFilter();
      return stream
        .trim()
        .split(/\r?\n\r?\n/)
        .map((event) => filter(event))
        .filter((event) => event !== undefined)
        .map((event) => `${event}\n\n`)
        .join('');
    }

    async function transform(parts: Buffer[]): Promise<string> {
      const stream = createSseEventTransform(createAzureChunkFilter());
      const outputs: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => outputs.push(chunk));
      const ended = new Promise((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      for (const part of parts) stream.write(part);
      stream.end();
      await ended;
      return Buffer.concat(outputs).toString();
    }

    /** Byte offsets of every occurrence of `needle` in `haystack`. */
    function offsetsOf(haystack: Buffer, needle: string): number[] {
      const found: number[] = [];
      for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1))
        found.push(at);
      return found;
    }

    it('drops and merges the filter-only chunk and keeps the rest byte for byte, split at every byte of "choices":[] and of data:', async () => {
      const input = Buffer.from(gpt41);
      const expected = expectedOutput(gpt41);
      // The recorded first event is the filter-only chunk: a comment in its place, the merged one next.
      expect(expected.startsWith(`${FILTER_RESULTS_COMMENT}\n\ndata: {"choices":[{`)).toBe(true);
      const merged = expected.slice(FILTER_RESULTS_COMMENT.length + 2);
      expect(
        JSON.parse(merged.slice(6, merged.indexOf('\n\n'))).prompt_filter_results,
      ).toHaveLength(1);
      const emptyChoices = offsetsOf(input, '"choices":[]');
      expect(emptyChoices).toEqual([7]);
      const dataPrefixes = offsetsOf(input, 'data:').slice(0, 4);
      for (const start of [
        ...emptyChoices.map((at) => [at, '"choices":[]'.length]),
        ...dataPrefixes.map((at) => [at, 'data:'.length]),
      ]) {
        const [at, length] = start as [number, number];
        for (let offset = at; offset <= at + length; offset++) {
          expect(
            await transform([input.subarray(0, offset), input.subarray(offset)]),
            `split at ${offset}`,
          ).toBe(expected);
        }
      }
    });

    it('keeps the usage chunk (choices: []) of the model-router stream, split at every byte of its "choices":[] and data:', async () => {
      const input = Buffer.from(modelRouter);
      const expected = expectedOutput(modelRouter);
      const usageEvent = modelRouter.trim().split('\n\n').at(-1) as string;
      expect(expected.endsWith(`${usageEvent}\n\n`)).toBe(true);
      const usageStart = input.lastIndexOf('data:');
      const usageChoices = input.indexOf('"choices":[]', usageStart);
      for (const [at, length] of [
        [usageChoices, '"choices":[]'.length],
        [usageStart, 'data:'.length],
      ] as const) {
        for (let offset = at; offset <= at + length; offset++) {
          expect(
            await transform([input.subarray(0, offset), input.subarray(offset)]),
            `split at ${offset}`,
          ).toBe(expected);
        }
      }
    });

    it('gives the same events one byte per chunk, with CRLF line endings, and with the character ’ split at each byte', async () => {
      const expected = expectedOutput(gpt41);
      const input = Buffer.from(gpt41);
      const bytes = Array.from({ length: input.length }, (_, at) => input.subarray(at, at + 1));
      expect(await transform(bytes)).toBe(expected);

      const crlf = gpt41.replaceAll('\n', '\r\n');
      expect(await transform([Buffer.from(crlf)])).toBe(expected);
      const crlfBytes = Buffer.from(crlf);
      const separator = crlfBytes.indexOf('\r\n\r\n');
      for (let offset = separator; offset <= separator + 4; offset++) {
        expect(
          await transform([crlfBytes.subarray(0, offset), crlfBytes.subarray(offset)]),
          `CRLF split at ${offset}`,
        ).toBe(expected);
      }

      const quote = input.indexOf('’');
      expect(quote).toBeGreaterThan(0);
      for (let offset = quote; offset <= quote + Buffer.byteLength('’'); offset++) {
        const output = await transform([input.subarray(0, offset), input.subarray(offset)]);
        expect(output, `split at ${offset}`).toBe(expected);
        expect(output).toContain('"content":"’m"');
      }
    });
  });

  describe('mayRewrite (the byte-level pre-check)', () => {
    const check = (text: string, filter = createAzureChunkFilter()) => {
      const bytes = Buffer.from(`xx${text}yy`);
      return filter.mayRewrite?.(bytes, 2, bytes.length - 2);
    };

    it('answers true for empty choices in any JSON spacing, false for choices with items', () => {
      expect(check('data: {"choices":[],"usage":null}')).toBe(true);
      expect(check('data: {"choices" : [ \t ],"id":""}')).toBe(true);
      expect(check('data: {"choices":[{"index":0}],"x":{"choices":[]}}')).toBe(true);
      expect(check('data: {"choices":[{"index":0}]}')).toBe(false);
      expect(check('data: {"choices":{}}')).toBe(false);
      expect(check('data: [DONE]')).toBe(false);
    });

    it('stays on the safe side where the regex would accept Unicode whitespace, and reads only its own range', () => {
      expect(check('data: {"choices":\u00a0[]}')).toBe(true);
      expect(check('data: {"choices":[\u2028]}')).toBe(true);
      // `"choices":[` at the end of the range, `]` right after it: not this event's bytes.
      const bytes = Buffer.from('data: {"choices":[]');
      expect(createAzureChunkFilter().mayRewrite?.(bytes, 0, bytes.length - 1)).toBe(false);
      expect(createAzureChunkFilter().mayRewrite?.(bytes, 0, bytes.length)).toBe(true);
    });

    it('answers true for every event while filter results wait for the next chunk with choices', () => {
      const events = gpt41Events();
      const filter = createAzureChunkFilter();
      expect(check(events[1] as string, filter)).toBe(false);
      expect(filter(events[0] as string)).toBe(FILTER_RESULTS_COMMENT);
      expect(check(events[1] as string, filter)).toBe(true);
      expect(filter(events[1] as string)).not.toBe(events[1]);
      expect(check(events[2] as string, filter)).toBe(false);
    });
  });
});

function gpt41Events(): string[] {
  return fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt').trim().split('\n\n');
}
