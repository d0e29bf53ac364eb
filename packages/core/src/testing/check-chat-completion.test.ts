import { describe, expect, it } from 'vitest';
import { checkChatCompletion } from './check-chat-completion.js';
import { readJsonFixture } from './read-fixture.js';
import { upstreamFixture } from '@multi-ai-proxy/fixtures';

const fixture = (name: string) =>
  readJsonFixture<Record<string, unknown>>(upstreamFixture('azure', name));
const recorded = () => fixture('chat-completions.response.content-filter.gpt-4.1.json');
type Body = ReturnType<typeof recorded> & {
  choices: Array<Record<string, unknown> & { message: Record<string, unknown> }>;
  usage: Record<string, unknown>;
};

describe('checkChatCompletion', () => {
  it('accepts recorded Azure answers (content-filter extras and all)', () => {
    expect(checkChatCompletion(recorded())).toEqual([]);
    expect(
      checkChatCompletion(fixture('chat-completions.response.foundry-deepseek-v4-pro.json')),
    ).toEqual([]);
  });

  it.each<[string, (body: Body) => void, RegExp]>([
    ['empty id', (body) => (body.id = ''), /^id must be/],
    [
      'wrong object',
      (body) => (body.object = 'chat.completion.chunk'),
      /object must be "chat.completion"/,
    ],
    [
      'created in milliseconds',
      (body) => (body.created = 1758119573000),
      /created must be Unix seconds/,
    ],
    ['no model', (body) => delete (body as Record<string, unknown>).model, /model must be/],
    ['no choices', (body) => (body.choices = []), /choices must be a non-empty array/],
    [
      'wrong role',
      (body) => (body.choices[0]!.message.role = 'model'),
      /message.role must be "assistant"/,
    ],
    [
      'unknown finish reason',
      (body) => (body.choices[0]!.finish_reason = 'STOP'),
      /finish_reason must be one of/,
    ],
    [
      'null finish reason',
      (body) => (body.choices[0]!.finish_reason = null),
      /finish_reason must be one of/,
    ],
    ['wrong index', (body) => (body.choices[0]!.index = 1), /index must be 0/],
    [
      'total is not the sum',
      (body) => (body.usage.total_tokens = 30),
      /total_tokens \(30\) must equal/,
    ],
    ['missing usage', (body) => delete (body as Record<string, unknown>).usage, /usage is missing/],
    [
      'reasoning above completion',
      (body) => (body.usage.completion_tokens_details = { reasoning_tokens: 31 }),
      /reasoning_tokens \(31\) cannot exceed/,
    ],
    [
      'tool_calls finish without calls',
      (body) => (body.choices[0]!.finish_reason = 'tool_calls'),
      /no tool_calls/,
    ],
    [
      'non-JSON tool arguments',
      (body) =>
        (body.choices[0]!.message.tool_calls = [
          { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } },
        ]),
      /not valid JSON/,
    ],
    [
      'tool call without id',
      (body) =>
        (body.choices[0]!.message.tool_calls = [
          { type: 'function', function: { name: 'f', arguments: '{}' } },
        ]),
      /id must be a non-empty string/,
    ],
    [
      'duplicate tool call ids',
      (body) =>
        (body.choices[0]!.message.tool_calls = [1, 2].map(() => ({
          id: 'call_1',
          type: 'function',
          function: { name: 'f', arguments: '{}' },
        }))),
      /not unique/,
    ],
    [
      'content that is not text',
      (body) => (body.choices[0]!.message.content = [{ type: 'text', text: 'hi' }]),
      /content must be a string or null/,
    ],
  ])('reports %s', (_name, breakIt, problem) => {
    const body = recorded() as Body;
    breakIt(body);
    const problems = checkChatCompletion(body);
    expect(
      problems.some((text) => problem.test(text)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('checks the number of choices against n', () => {
    expect(checkChatCompletion(recorded(), { expectedChoices: 2 })).toEqual([
      'expected 2 choice(s), got 1',
    ]);
  });
});
