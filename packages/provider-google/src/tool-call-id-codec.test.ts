import { describe, expect, it } from 'vitest';
import {
  decodeToolCallId,
  encodeToolCallId,
  THOUGHT_SIGNATURE_SEPARATOR,
} from './tool-call-id-codec.js';
import { readFixtureJson } from '../test/support/read-fixture.js';

describe('tool call id codec', () => {
  it('round-trips the recorded Gemini 3 thought signature through an OpenAI-safe id', () => {
    const response = readFixtureJson<{
      candidates: Array<{ content: { parts: Array<{ thoughtSignature: string }> } }>;
    }>('generateContent.function-call.gemini-3-pro.response.json');
    const signature = response.candidates[0]?.content.parts[0]?.thoughtSignature as string;
    const id = encodeToolCallId(undefined, signature);
    expect(id).toMatch(/^call_[A-Za-z0-9_-]+__thought__[A-Za-z0-9_-]+$/);
    expect(decodeToolCallId(id)).toEqual({
      id: id.slice(0, id.indexOf(THOUGHT_SIGNATURE_SEPARATOR)),
      thoughtSignature: signature,
    });
  });

  it('keeps a Gemini call id and leaves plain ids alone', () => {
    expect(encodeToolCallId('abc', undefined)).toBe('abc');
    expect(decodeToolCallId('call_123')).toEqual({ id: 'call_123', thoughtSignature: undefined });
    expect(decodeToolCallId(encodeToolCallId('fc-1', 'a+b/cw=='))).toEqual({
      id: 'fc-1',
      thoughtSignature: 'a+b/cw==',
    });
  });
});
