import type { GoogleContent, GoogleCountTokensResponse } from './google-api-types.js';

/** The `countTokens` body for some contents (the Gemini API refuses systemInstruction/tools there). */
export function convertToGoogleCountTokensRequest(contents: readonly GoogleContent[]): {
  contents: GoogleContent[];
} {
  return { contents: [...contents] };
}

/** `countTokens` answer → the token count, 0 when absent. */
export function convertFromGoogleCountTokens(response: GoogleCountTokensResponse): number {
  return typeof response.totalTokens === 'number' ? response.totalTokens : 0;
}
