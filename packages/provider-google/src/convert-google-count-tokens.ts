import type {
  GoogleCountTokensResponse,
  GoogleFlavor,
  GoogleGenerateContentRequest,
} from './google-api-types.js';

/**
 * The `:countTokens` body for a converted GenerateContent request: what the model reads (contents,
 * system instruction, tool declarations), never generation settings.
 * - Gemini API (ai.google.dev/api/tokens): `contents` alone, or — with a system instruction or tools,
 *   which it refuses at the top level — a whole `generateContentRequest` naming the model
 *   (`models/{m}`); the two are mutually exclusive.
 * - Vertex AI (cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.publishers.models/countTokens):
 *   `contents`, `systemInstruction` and `tools` at the top level.
 */
export function convertToGoogleCountTokensRequest(
  request: Pick<GoogleGenerateContentRequest, 'contents' | 'systemInstruction' | 'tools'>,
  options: { flavor: GoogleFlavor; modelPath: string },
): Record<string, unknown> {
  const counted: Record<string, unknown> = { contents: request.contents };
  if (request.systemInstruction !== undefined)
    counted.systemInstruction = request.systemInstruction;
  if (request.tools !== undefined && request.tools.length > 0) counted.tools = request.tools;
  if (options.flavor === 'vertex' || Object.keys(counted).length === 1) return counted;
  return { generateContentRequest: { model: options.modelPath, ...counted } };
}

/** `countTokens` answer → the token count, 0 when absent. */
export function convertFromGoogleCountTokens(response: GoogleCountTokensResponse): number {
  return typeof response.totalTokens === 'number' ? response.totalTokens : 0;
}
