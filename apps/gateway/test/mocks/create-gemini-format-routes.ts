import type {
  MockUpstreamReply,
  MockUpstreamRoute,
  RecordedUpstreamRequest,
} from '@multi-ai-proxy/core/testing';

export interface GeminiFormatAnswers {
  text: unknown;
  functionCall: unknown;
  jsonSchema: unknown;
  stream: MockUpstreamReply;
  functionCallStream: MockUpstreamReply;
}

interface GeminiRequest {
  tools?: unknown[];
  contents?: Array<{ role?: string; parts?: Array<Record<string, unknown>> }>;
  generationConfig?: {
    responseJsonSchema?: unknown;
    responseSchema?: unknown;
    responseMimeType?: string;
  };
}

/**
 * `:generateContent` and `:streamGenerateContent` routes under `modelPath` (Gemini API or Vertex), picking
 * the recorded answer that fits the request: a function call when tools are offered and the last turn is
 * not a function response, the recorded JSON-schema answer when a schema is set, else the text answer.
 */
export function createGeminiFormatRoutes(
  modelPath: string,
  answers: GeminiFormatAnswers,
): MockUpstreamRoute[] {
  const wantsToolCall = (body: GeminiRequest) =>
    (body.tools?.length ?? 0) > 0 && !lastTurnHasFunctionResponse(body);
  return [
    {
      method: 'POST',
      path: new RegExp(`^${modelPath}/[^/:?]+:generateContent(\\?|$)`),
      reply: (request: RecordedUpstreamRequest) => {
        const body = request.json() as GeminiRequest;
        if (wantsToolCall(body)) return { body: answers.functionCall };
        if (
          body.generationConfig?.responseJsonSchema !== undefined ||
          body.generationConfig?.responseSchema !== undefined
        )
          return { body: answers.jsonSchema };
        return { body: answers.text };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${modelPath}/[^/:?]+:streamGenerateContent\\?alt=sse$`),
      reply: (request: RecordedUpstreamRequest) =>
        wantsToolCall(request.json() as GeminiRequest)
          ? answers.functionCallStream
          : answers.stream,
    },
  ];
}

function lastTurnHasFunctionResponse(body: GeminiRequest): boolean {
  const last = body.contents?.at(-1);
  return last?.parts?.some((part) => 'functionResponse' in part) ?? false;
}
