import type { CallTelemetryV1 } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { scanOpenAIBytes } from './scan-openai-bytes.js';

describe('scanOpenAIBytes', () => {
  it('reads id, model, finish reasons and usage from a JSON answer', () => {
    const report: CallTelemetryV1 = {};
    const body = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: 'gpt-4.1-2025-04-14',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'x "model":"fake"' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 3 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    };
    scanOpenAIBytes(Buffer.from(JSON.stringify(body)), report);
    expect(report).toEqual({
      responseId: 'chatcmpl-1',
      responseModel: 'gpt-4.1-2025-04-14',
      finishReasons: ['stop'],
      usage: { inputTokens: 19, outputTokens: 10, cachedInputTokens: 3, reasoningTokens: 2 },
    });
  });

  it('collects over stream pieces: the first id and model, each finish reason once, the usage event', () => {
    const report: CallTelemetryV1 = {};
    const event = (payload: object) => Buffer.from(`data: ${JSON.stringify(payload)}\n\n`);
    scanOpenAIBytes(
      event({
        id: 'c1',
        model: 'm1',
        choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }],
      }),
      report,
    );
    scanOpenAIBytes(
      event({
        id: 'c1',
        model: 'm1',
        choices: [
          { index: 0, delta: {}, finish_reason: 'length' },
          { index: 1, delta: {}, finish_reason: 'length' },
        ],
      }),
      report,
    );
    scanOpenAIBytes(
      Buffer.from(
        `${event({ id: 'c1', model: 'm1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } })}data: [DONE]\n\n`,
      ),
      report,
    );
    expect(report).toEqual({
      responseId: 'c1',
      responseModel: 'm1',
      finishReasons: ['length'],
      usage: {
        inputTokens: 5,
        outputTokens: 7,
        cachedInputTokens: undefined,
        reasoningTokens: undefined,
      },
    });
  });

  it('keeps what the provider reported and ignores a usage of null', () => {
    const report: CallTelemetryV1 = { responseModel: 'reported', usage: { inputTokens: 1 } };
    scanOpenAIBytes(Buffer.from('{"id":"x","model":"other","usage":null}'), report);
    expect(report).toEqual({
      responseModel: 'reported',
      responseId: 'x',
      usage: { inputTokens: 1 },
    });
  });
});
