import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAzureChunkFilter } from './create-azure-chunk-filter.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('createAzureChunkFilter', () => {
  it('drops the filter-only first chunk of the recorded gpt-4.1 stream and merges its results into the next chunk', () => {
    const events = fixture('chat-completions.stream.content-filter.gpt-4.1.sse.txt').trim().split('\n\n');
    const filter = createAzureChunkFilter();
    const output = events.map((event) => filter(event));
    expect(output[0]).toBeUndefined();
    const second = JSON.parse((output[1] as string).slice(6));
    expect(second.choices[0].delta).toEqual({ content: '', refusal: null, role: 'assistant' });
    expect(second.prompt_filter_results).toEqual(JSON.parse(events[0]!.slice(6)).prompt_filter_results);
    // Every later event (deltas, finish, [DONE]) is passed on unchanged.
    expect(output.slice(2)).toEqual(events.slice(2));
  });

  it('keeps the usage chunk (choices: [] with usage) of the recorded model-router stream', () => {
    const lines = fixture('chat-completions.stream.content-filter.model-router.chunks.txt').trim().split('\n');
    const filter = createAzureChunkFilter();
    const output = lines.map((line) => filter(`data: ${line}`));
    expect(output[0]).toBeUndefined();
    const last = output.at(-1) as string;
    expect(last).toBe(`data: ${lines.at(-1)}`);
    expect(JSON.parse(last.slice(6)).usage.total_tokens).toBe(93);
    expect(output.filter((event) => event !== undefined)).toHaveLength(lines.length - 1);
  });
});
