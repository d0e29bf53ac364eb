import { describe, expect, it } from 'vitest';
import { checkChatCompletionChunks } from './check-chat-completion-chunks.js';
import { readChunksFixture } from './read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

type Chunk = Record<string, unknown> & {
  choices: Array<Record<string, unknown> & { delta: Record<string, unknown> }>;
  usage?: unknown;
};

// Azure's model-router stream: a prompt-filter chunk with "choices": [] first, usage-only chunk last.
const recorded = (): Chunk[] =>
  readChunksFixture(
    upstreamFixture('azure', 'chat-completions.stream.content-filter.model-router.chunks.txt'),
  ).map((line) => JSON.parse(line));
const withoutFilterChunk = () => recorded().slice(1);
const matching = (problems: string[], pattern: RegExp) =>
  problems.some((text) => pattern.test(text));

// Synthetic tool-call stream in the shape OpenAI documents (API reference, chat streaming); no recorded chat tool stream exists.
function toolStream(): Chunk[] {
  const base = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1762317021,
    model: 'gpt-4.1',
  };
  return [
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'weather', arguments: '' },
              },
            ],
          },
          finish_reason: null,
        },
      ],
    },
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
          finish_reason: null,
        },
      ],
    },
    {
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
          finish_reason: null,
        },
      ],
    },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ];
}

describe('checkChatCompletionChunks', () => {
  it('accepts the recorded stream once the filter-only chunk is dropped, with the usage chunk last', () => {
    expect(checkChatCompletionChunks(withoutFilterChunk(), { includeUsage: true })).toEqual([]);
    expect(checkChatCompletionChunks(toolStream())).toEqual([]);
  });

  it("reports Azure's filter-only first chunk, which crashes clients reading choices[0]", () => {
    expect(
      matching(
        checkChatCompletionChunks(recorded(), { includeUsage: true }),
        /chunk 0: has "choices": \[\] before the last chunk/,
      ),
    ).toBe(true);
  });

  it('reports a usage chunk that was not asked for, and a missing one that was', () => {
    expect(
      matching(
        checkChatCompletionChunks(withoutFilterChunk()),
        /although include_usage was not requested/,
      ),
    ).toBe(true);
    expect(
      matching(
        checkChatCompletionChunks(withoutFilterChunk().slice(0, -1), { includeUsage: true }),
        /last chunk is not the usage-only chunk/,
      ),
    ).toBe(true);
  });

  it('reports a usage chunk that is not last', () => {
    const chunks = withoutFilterChunk();
    const usage = chunks.pop()!;
    chunks.splice(2, 0, usage);
    const problems = checkChatCompletionChunks(chunks, { includeUsage: true });
    expect(matching(problems, /before the last chunk/)).toBe(true);
  });

  it('reports a first delta without the assistant role', () => {
    const chunks = withoutFilterChunk();
    delete chunks[0]!.choices[0]!.delta.role;
    expect(
      matching(
        checkChatCompletionChunks(chunks, { includeUsage: true }),
        /first delta of a choice must carry role "assistant"/,
      ),
    ).toBe(true);
  });

  it('reports a finish_reason that is not on the last choice chunk, and a stream without one', () => {
    const chunks = withoutFilterChunk();
    chunks[1]!.choices[0]!.finish_reason = 'stop';
    expect(
      matching(
        checkChatCompletionChunks(chunks, { includeUsage: true }),
        /after this choice's finish_reason/,
      ),
    ).toBe(true);
    const unfinished = toolStream().slice(0, -1);
    expect(matching(checkChatCompletionChunks(unfinished), /never received a finish_reason/)).toBe(
      true,
    );
  });

  it('reports chunks whose id changes, wrong object types and created in milliseconds', () => {
    const chunks = toolStream();
    chunks[1]!.id = 'chatcmpl-2';
    chunks[2]!.object = 'chat.completion';
    chunks[3]!.created = Date.now();
    const problems = checkChatCompletionChunks(chunks);
    expect(matching(problems, /chunk 1: id "chatcmpl-2" differs/)).toBe(true);
    expect(matching(problems, /chunk 2: object must be "chat.completion.chunk"/)).toBe(true);
    expect(matching(problems, /chunk 3: created must be Unix seconds/)).toBe(true);
  });

  it('reports usage arithmetic on the usage chunk', () => {
    const chunks = withoutFilterChunk();
    (chunks.at(-1)!.usage as Record<string, number>).total_tokens = 78;
    expect(
      matching(
        checkChatCompletionChunks(chunks, { includeUsage: true }),
        /total_tokens \(78\) must equal/,
      ),
    ).toBe(true);
  });

  it('reports tool-call deltas without id or name first, and arguments that do not add up to JSON', () => {
    const noId = toolStream();
    delete (noId[0]!.choices[0]!.delta.tool_calls as Array<Record<string, unknown>>)[0]!.id;
    expect(matching(checkChatCompletionChunks(noId), /must carry its id/)).toBe(true);
    const badArguments = toolStream();
    badArguments.splice(2, 1);
    expect(
      matching(
        checkChatCompletionChunks(badArguments),
        /arguments \(all deltas joined\) is not valid JSON/,
      ),
    ).toBe(true);
    const noIndex = toolStream();
    delete (noIndex[1]!.choices[0]!.delta.tool_calls as Array<Record<string, unknown>>)[0]!.index;
    expect(matching(checkChatCompletionChunks(noIndex), /needs an integer index/)).toBe(true);
  });

  it('reports tool_calls as finish reason without tool calls, and an empty stream', () => {
    const chunks = withoutFilterChunk().slice(0, -1);
    chunks.at(-1)!.choices[0]!.finish_reason = 'tool_calls';
    expect(
      matching(
        checkChatCompletionChunks(chunks),
        /finish_reason "tool_calls" without any tool call delta/,
      ),
    ).toBe(true);
    expect(checkChatCompletionChunks([])).toEqual(['the stream has no chunks']);
  });
});
