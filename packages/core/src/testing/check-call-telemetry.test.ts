import { describe, expect, it } from 'vitest';
import { checkCallTelemetry } from './check-call-telemetry.js';

const window = { startedAt: 100, endedAt: 200 };

describe('checkCallTelemetry', () => {
  it('accepts nothing reported and a complete, consistent report', () => {
    expect(checkCallTelemetry(undefined, window)).toEqual([]);
    expect(checkCallTelemetry({}, window)).toEqual([]);
    expect(
      checkCallTelemetry(
        {
          usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: 2 },
          responseModel: 'gemini-2.5-flash-001',
          responseId: 'resp_1',
          finishReasons: ['stop'],
          upstreamHeadersAt: 120,
          firstChunkAt: 150,
          serverAddress: 'generativelanguage.googleapis.com',
          serverPort: 443,
        },
        window,
      ),
    ).toEqual([]);
  });

  it('names each malformed field', () => {
    const problems = checkCallTelemetry(
      {
        usage: { inputTokens: -1, outputTokens: 1.5 },
        responseModel: '',
        finishReasons: [1 as unknown as string],
        upstreamHeadersAt: 50,
        firstChunkAt: 40,
        serverAddress: 'https://host/path?key=x',
        serverPort: 70000,
      },
      window,
    );
    expect(problems).toEqual([
      'telemetry.usage.inputTokens must be a non-negative integer, got -1',
      'telemetry.usage.outputTokens must be a non-negative integer, got 1.5',
      'telemetry.responseModel must be a non-empty string',
      'telemetry.serverAddress must be a host name, not a URL',
      'telemetry.serverPort must be a TCP port',
      'telemetry.finishReasons must be an array of strings',
      'telemetry.upstreamHeadersAt must be a performance.now() time within the call',
      'telemetry.firstChunkAt must be a performance.now() time within the call',
      'telemetry.firstChunkAt precedes upstreamHeadersAt',
    ]);
  });

  it('checks cached and reasoning tokens against the totals they belong to', () => {
    expect(
      checkCallTelemetry(
        { usage: { inputTokens: 2, cachedInputTokens: 3, outputTokens: 1, reasoningTokens: 2 } },
        window,
      ),
    ).toEqual([
      'telemetry.usage.cachedInputTokens exceeds inputTokens (cached tokens are part of the input)',
      'telemetry.usage.reasoningTokens exceeds outputTokens (reasoning tokens are part of the output)',
    ]);
  });
});
