import type { ChatCompletionRequest } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { describe, expect, it } from 'vitest';
import { readFixtureJson } from '../test/support/read-fixture.js';
import { convertFromGoogleResponse } from './convert-from-google-response.js';
import { convertToGoogleRequest } from './convert-to-google-request.js';
import type { GoogleGenerateContentResponse } from './google-api-types.js';
import { decodeToolCallId } from './tool-call-id-codec.js';

const ask = (
  extra: Record<string, unknown>,
  model = 'gemini-2.5-flash',
): ChatCompletionRequest => ({
  model,
  messages: [{ role: 'user', content: 'Explain to me how AI works' }],
  ...extra,
});
const convert = (
  request: ChatCompletionRequest,
  modelId = request.model,
  flavor: 'gemini' | 'vertex' = 'gemini',
) => convertToGoogleRequest(request, { flavor, modelId });

async function refusal(
  request: ChatCompletionRequest,
  modelId = request.model,
): Promise<InvalidRequestError> {
  try {
    await convert(request, modelId);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('Google\'s extra_body extensions (README "Google\'s extensions")', () => {
  it('maps thinking_config, cached_content and safety_settings from a top-level `google` object (what the OpenAI SDKs send)', async () => {
    const body = await convert(
      ask({
        google: {
          thinking_config: { thinking_budget: 2048, include_thoughts: true },
          cached_content: 'cachedContents/0000aaaa1111bbbb2222cccc3333dddd4444eeee',
          safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
        },
      }),
    );
    expect(body.generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(body.cachedContent).toBe('cachedContents/0000aaaa1111bbbb2222cccc3333dddd4444eeee');
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
    expect(body).not.toHaveProperty('google');
  });

  it("reads the nested `extra_body.google` of Google's Python example and a Gemini 3 thinking level", async () => {
    const body = await convert(
      ask(
        {
          extra_body: {
            google: { thinking_config: { thinking_level: 'low', include_thoughts: true } },
          },
        },
        'gemini-3-pro-preview',
      ),
    );
    expect(body.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: 'LOW',
      includeThoughts: true,
    });
  });

  it('lets include_thoughts alone decide thought summaries next to reasoning_effort', async () => {
    const off = await convert(
      ask({ reasoning_effort: 'low', google: { thinking_config: { include_thoughts: false } } }),
    );
    expect(off.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 1024 });
    const on = await convert(ask({ google: { thinking_config: { include_thoughts: true } } }));
    expect(on.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true });
  });

  it('refuses reasoning_effort together with an explicit budget or level, as Google does', async () => {
    const error = await refusal(
      ask({ reasoning_effort: 'high', google: { thinking_config: { thinking_budget: 1024 } } }),
    );
    expect(error).toMatchObject({ status: 400, param: 'reasoning_effort' });
    expect(error.message).toContain('google.thinking_config.thinking_budget');
    const nested = await refusal(
      ask(
        {
          reasoning_effort: 'low',
          extra_body: { google: { thinking_config: { thinking_level: 'high' } } },
        },
        'gemini-3-flash-preview',
      ),
    );
    expect(nested.message).toContain('extra_body.google.thinking_config.thinking_level');
  });

  it.each([
    [
      { google: { thinking_config: { thinking_level: 'medium' } } },
      'gemini-3-pro-preview',
      'google.thinking_config.thinking_level',
      'LOW, HIGH',
    ],
    [
      { google: { thinking_config: { thinking_level: 'minimal' } } },
      'gemini-3.1-pro-preview',
      'google.thinking_config.thinking_level',
      'LOW, MEDIUM, HIGH',
    ],
    [
      { google: { thinking_config: { thinking_level: 'high' } } },
      'gemini-2.5-flash',
      'google.thinking_config.thinking_level',
      'thinking_budget',
    ],
    [
      { google: { thinking_config: { thinking_budget: 0 } } },
      'gemini-2.5-pro',
      'google.thinking_config.thinking_budget',
      'cannot be switched off',
    ],
    [
      { google: { thinking_config: { thinking_budget: 40000 } } },
      'gemini-2.5-flash',
      'google.thinking_config.thinking_budget',
      '0–24576',
    ],
    [
      { google: { thinking_config: { thinking_budget: 100, thinking_level: 'low' } } },
      'gemini-3-flash-preview',
      'google.thinking_config.thinking_level',
      'cannot be combined',
    ],
    [
      { google: { thinking_config: { thinking_level: 'extreme' } } },
      'gemini-3-flash-preview',
      'google.thinking_config.thinking_level',
      'minimal, low, medium, high',
    ],
    [
      { google: { thinking_config: { include_thoughts: 'yes' } } },
      'gemini-3-flash-preview',
      'google.thinking_config.include_thoughts',
      'true or false',
    ],
    [
      { google: { response_modalities: ['IMAGE'] } },
      'gemini-2.5-flash',
      'google.response_modalities',
      'thinking_config, cached_content, safety_settings',
    ],
    [
      { google: { safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT' }] } },
      'gemini-2.5-flash',
      'google.safety_settings[0].threshold',
      'required',
    ],
    [
      { google: { cached_content: '' } },
      'gemini-2.5-flash',
      'google.cached_content',
      'cachedContents/',
    ],
    [{ google: {}, extra_body: { google: {} } }, 'gemini-2.5-flash', 'google', 'send one'],
  ])('refuses %j on %s naming %s', async (extra, model, param, text) => {
    const error = await refusal(ask(extra, model));
    expect(error).toMatchObject({ status: 400, param });
    expect(error.message).toContain(text);
  });

  it('accepts a budget on Gemini 3 (backward compatibility) and -1 (dynamic) on 2.5 Pro', async () => {
    expect(
      (
        await convert(
          ask({ google: { thinking_config: { thinking_budget: 4096 } } }, 'gemini-3-pro-preview'),
        )
      ).generationConfig?.thinkingConfig,
    ).toEqual({ thinkingBudget: 4096 });
    expect(
      (await convert(ask({ google: { thinkingConfig: { thinkingBudget: -1 } } }, 'gemini-2.5-pro')))
        .generationConfig?.thinkingConfig,
    ).toEqual({ thinkingBudget: -1 });
  });
});

describe('limits refused before the call (README "Refused before the call")', () => {
  it.each([
    [{ reasoning_effort: 'maximum' }, 'reasoning_effort'],
    [{ stop: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'stop'],
    [{ n: 9 }, 'n'],
    [{ n: 0 }, 'n'],
    [{ temperature: 2.5 }, 'temperature'],
    [{ top_p: 1.5 }, 'top_p'],
    [{ top_logprobs: 21, logprobs: true }, 'top_logprobs'],
  ])('%j → 400 naming %s', async (extra, param) => {
    const error = await refusal(ask(extra));
    expect(error).toMatchObject({ status: 400, param, code: 'invalid_value' });
  });

  it('refuses before downloading any media', async () => {
    let downloads = 0;
    const request = ask({
      stop: ['1', '2', '3', '4', '5', '6'],
      messages: [
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'https://example.invalid/cat.png' } }],
        },
      ],
    });
    await expect(
      convertToGoogleRequest(request, {
        flavor: 'gemini',
        modelId: 'gemini-2.5-flash',
        fetchMedia: async () => {
          downloads++;
          return { mimeType: 'image/png', data: '' };
        },
      }),
    ).rejects.toMatchObject({ param: 'stop' });
    expect(downloads).toBe(0);
  });

  it('keeps five stop sequences', async () => {
    expect(
      (await convert(ask({ stop: ['1', '2', '3', '4', '5'] }))).generationConfig?.stopSequences,
    ).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe("thought signatures as Google's layer carries them (extra_content.google.thought_signature)", () => {
  const recorded = readFixtureJson<GoogleGenerateContentResponse>(
    'generateContent.function-call.gemini-3-pro.response.json',
  );
  const signature = recorded.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature as string;

  it('answers a recorded Gemini 3 tool call with extra_content and the signature in the id', () => {
    const [call] =
      convertFromGoogleResponse(recorded, { model: 'gemini-3-pro-preview' }).choices[0]?.message
        .tool_calls ?? [];
    expect(call?.extra_content).toEqual({ google: { thought_signature: signature } });
    expect(decodeToolCallId(call?.id as string).thoughtSignature).toBe(signature);
  });

  it('sends back the extra_content signature of a client that stripped the id (never the skip placeholder)', async () => {
    const body = await convert(
      {
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'What is the weather in San Francisco?' },
          {
            role: 'model' as 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'function-call-1',
                type: 'function',
                function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
                extra_content: { google: { thought_signature: signature } },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'function-call-1', content: '{"temperature":18}' },
        ],
      },
      'gemini-3-pro-preview',
    );
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        {
          functionCall: {
            id: 'function-call-1',
            name: 'weather',
            args: { location: 'San Francisco' },
          },
          thoughtSignature: signature,
        },
      ],
    });
  });

  it('prefers the extra_content signature over one encoded in the id', async () => {
    const body = await convert(
      {
        model: 'gemini-3-flash-preview',
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_x__thought__b2xk',
                type: 'function',
                function: { name: 'f', arguments: '{}' },
                extra_content: { google: { thought_signature: 'bmV3' } },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_x__thought__b2xk', content: 'ok' },
        ],
      },
      'gemini-3-flash-preview',
    );
    expect(body.contents[1]?.parts?.[0]?.thoughtSignature).toBe('bmV3');
  });
});
