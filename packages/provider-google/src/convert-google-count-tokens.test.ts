import { describe, expect, it } from 'vitest';
import { readRecording } from '../test/support/read-fixture.js';
import {
  convertFromGoogleCountTokens,
  convertToGoogleCountTokensRequest,
} from './convert-google-count-tokens.js';
import type { GoogleCountTokensResponse } from './google-api-types.js';

const contents = [
  { role: 'user', parts: [{ text: 'The quick brown fox jumps over the lazy dog.' }] },
];
const systemInstruction = { parts: [{ text: 'Be brief.' }] };
const tools = [{ functionDeclarations: [{ name: 'weather' }] }];

describe('countTokens conversion', () => {
  it('sends contents alone as recorded (Gemini API and Vertex) and reads the recorded answers', () => {
    const gemini = readRecording('countTokens.recording.json');
    const vertex = readRecording('vertex/countTokens.recording.json');
    for (const flavor of ['gemini', 'vertex'] as const)
      expect(
        convertToGoogleCountTokensRequest(
          { contents },
          { flavor, modelPath: 'models/gemini-2.5-flash' },
        ),
      ).toEqual(gemini.request);
    expect(vertex.request).toEqual(gemini.request);
    expect(convertFromGoogleCountTokens(gemini.response[0] as GoogleCountTokensResponse)).toBe(11);
    expect(convertFromGoogleCountTokens(vertex.response[0] as GoogleCountTokensResponse)).toBe(10);
    expect(convertFromGoogleCountTokens({})).toBe(0);
  });

  it('wraps system text and tools in generateContentRequest on the Gemini API', () => {
    expect(
      convertToGoogleCountTokensRequest(
        { contents, systemInstruction, tools },
        { flavor: 'gemini', modelPath: 'models/gemini-2.5-flash' },
      ),
    ).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents,
        systemInstruction,
        tools,
      },
    });
  });

  it('keeps them at the top level on Vertex AI', () => {
    expect(
      convertToGoogleCountTokensRequest(
        { contents, systemInstruction, tools },
        { flavor: 'vertex', modelPath: 'publishers/google/models/gemini-2.5-flash' },
      ),
    ).toEqual({ contents, systemInstruction, tools });
  });
});
