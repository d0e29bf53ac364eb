import { describe, expect, it } from 'vitest';
import { readFixtureJson, readRecording } from '../test/support/read-fixture.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { decodeToolCallId } from './tool-call-id-codec.js';

const fixed = { model: 'gemini-test', id: 'chatcmpl-1', created: 1700000000 };

describe('convertFromGoogleResponse', () => {
  it('converts a recorded 2.5 Flash answer cut at MAX_TOKENS, counting thinking as completion', () => {
    const [response] = readRecording('generateContent.text.gemini-2.5-flash.recording.json')
      .response as GoogleGenerateContentResponse[];
    const result = convertFromGoogleResponse(response as GoogleGenerateContentResponse, fixed);
    expect(result).toMatchObject({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'gemini-test',
    });
    expect(result.choices).toHaveLength(1);
    expect(result.choices[0]?.finish_reason).toBe('length');
    expect(result.choices[0]?.message.content).toMatch(
      /^The sky is blue because of something called \*\*Rayleigh Scattering\*\*/,
    );
    expect(result.choices[0]?.message.role).toBe('assistant');
    expect(result.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 197,
      total_tokens: 204,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 48 },
    });
  });

  it('uses Gemini responseId for the id when none is given', () => {
    const [response] = readRecording('generateContent.systemInstruction.recording.json')
      .response as GoogleGenerateContentResponse[];
    const result = convertFromGoogleResponse(response as GoogleGenerateContentResponse, {
      model: 'gemini-2.5-flash',
    });
    expect(result.id).toBe('chatcmpl-hi77aOvyCJ-jvr0P8syDgQw');
    expect(result.choices[0]?.message.content).toBe('low');
    expect(result.choices[0]?.finish_reason).toBe('stop');
    expect(result.usage?.total_tokens).toBe(30);
  });

  it('keeps a Gemini 3 text answer and drops the signature-only text', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.text-thoughtSignature.gemini-3-pro.response.json',
    );
    const result = convertFromGoogleResponse(response, fixed);
    expect(result.choices[0]?.message).toEqual({
      role: 'assistant',
      content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
      refusal: null,
    });
    expect(result.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 272,
      total_tokens: 281,
      completion_tokens_details: { reasoning_tokens: 244 },
    });
  });

  it('turns a Gemini 3 function call into a tool call whose id carries the thought signature', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.function-call.gemini-3-pro.response.json',
    );
    const result = convertFromGoogleResponse(response, fixed);
    const choice = result.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toHaveLength(1);
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    expect(call?.function).toEqual({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    expect(decodeToolCallId(call?.id as string).thoughtSignature).toBe(
      response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature,
    );
  });

  it('separates thought summaries into reasoning_content next to the tool call', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.thinking-function-call-signature.response.json',
    );
    const message = convertFromGoogleResponse(response, fixed).choices[0]?.message;
    expect(message?.reasoning_content).toMatch(
      /^\*\*Thinking Through the New Year's Eve Calculation\*\*/,
    );
    expect(message?.content).toBeNull();
    expect(message?.tool_calls?.[0]?.function).toEqual({ name: 'now', arguments: '{}' });
  });

  it('gives each parallel call its own id; only the first carries a signature (Vertex recording)', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'vertex/generateContent.function-call-parallel.response.json',
    );
    const calls = convertFromGoogleResponse(response, fixed).choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.function)).toEqual([
      { name: 'sum', arguments: '{"y":1,"x":2}' },
      { name: 'sum', arguments: '{"y":3,"x":4}' },
      { name: 'sum', arguments: '{"y":5,"x":6}' },
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(3);
  });

  it('maps a SAFETY stop to content_filter and keeps the text produced so far', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.finish-reason-safety.response.json',
    );
    const choice = convertFromGoogleResponse(response, fixed).choices[0];
    expect(choice?.finish_reason).toBe('content_filter');
    expect(choice?.message.content).toBe('Safety error incoming in 5, 4, 3, 2...');
  });

  it('answers a normal stop for a cited answer', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.citations.response.json',
    );
    const result = convertFromGoogleResponse(response, fixed);
    expect(result.choices[0]?.finish_reason).toBe('stop');
    expect(result.usage).toMatchObject({
      prompt_tokens: 15,
      completion_tokens: 1667,
      total_tokens: 1682,
    });
  });

  it('turns a prompt blocked with no candidates into a content_filter refusal', () => {
    const response = readFixtureJson<GoogleGenerateContentResponse>(
      'generateContent.prompt-feedback-only-no-candidates.response.json',
    );
    const result = convertFromGoogleResponse(response, fixed);
    expect(result.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal:
            'The prompt was blocked by Gemini (blockReason BLOCK_REASON_UNSPECIFIED): Message',
        },
        finish_reason: 'content_filter',
        logprobs: null,
      },
    ]);
  });

  it('returns structured output text that parses as the requested JSON (responseJsonSchema and responseSchema recordings)', () => {
    for (const name of [
      'generateContent.responseJsonSchema.recording.json',
      'generateContent.responseSchema.recording.json',
    ]) {
      const [response] = readRecording(name).response as GoogleGenerateContentResponse[];
      const result = convertFromGoogleResponse(response as GoogleGenerateContentResponse, fixed);
      const parsed = JSON.parse(result.choices[0]?.message.content as string);
      expect(parsed).toHaveProperty('inner.innerNumber', 100);
    }
    const [cached] = readRecording('generateContent.responseSchema.recording.json')
      .response as GoogleGenerateContentResponse[];
    expect(
      convertFromGoogleResponse(cached as GoogleGenerateContentResponse, fixed).usage
        ?.prompt_tokens_details,
    ).toEqual({ cached_tokens: 3 });
  });

  it('converts the recorded parametersJsonSchema function call answer', () => {
    const [response] = readRecording(
      'generateContent.function-call.parametersJsonSchema.recording.json',
    ).response as GoogleGenerateContentResponse[];
    const choice = convertFromGoogleResponse(response as GoogleGenerateContentResponse, fixed)
      .choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(JSON.parse(choice?.message.tool_calls?.[0]?.function.arguments as string)).toEqual({
      firstString: 'hello',
      secondString: 'world',
    });
  });

  it('converts Gemini logprobs into OpenAI logprobs (synthetic payload: no recording has logprobsResult)', () => {
    const response: GoogleGenerateContentResponse = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Hi' }] },
          finishReason: 'STOP',
          logprobsResult: {
            chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
            topCandidates: [
              {
                candidates: [
                  { token: 'Hi', logProbability: -0.1 },
                  { token: 'Hey', logProbability: -2 },
                ],
              },
            ],
          },
        },
      ],
    };
    expect(convertFromGoogleResponse(response, fixed).choices[0]?.logprobs).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.1,
          bytes: [72, 105],
          top_logprobs: [
            { token: 'Hi', logprob: -0.1, bytes: [72, 105] },
            { token: 'Hey', logprob: -2, bytes: [72, 101, 121] },
          ],
        },
      ],
      refusal: null,
    });
  });
});
