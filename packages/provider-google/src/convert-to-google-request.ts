import type { ChatCompletionRequest } from '@multi-ai-proxy/core';
import { buildGoogleGenerationConfig } from './build-google-generation-config.js';
import { checkGeminiRequestLimits } from './check-gemini-request-limits.js';
import { convertToGoogleContents } from './convert-to-google-contents.js';
import type { FetchMedia } from '@multi-ai-proxy/core/provider-utils';
import type { GoogleFlavor, GoogleGenerateContentRequest } from './google-api-types.js';
import { acceptsJsonSchema } from './google-model-traits.js';
import { prepareGoogleTools } from './prepare-google-tools.js';
import { readGoogleExtraBody } from './read-google-extra-body.js';

export interface ConvertToGoogleRequestOptions {
  /** `gemini` (AI Studio) or `vertex`: Vertex gets no function call ids. */
  flavor: GoogleFlavor;
  /** The upstream model id (after aliases), without `models/`: drives model-dependent choices. */
  modelId: string;
  /** Downloads http(s) image/file URLs for inlining; without it such URLs answer 400. */
  fetchMedia?: FetchMedia;
  signal?: AbortSignal;
  /**
   * JSON Schema handling for tools and `response_format`: `auto` (default) sends raw JSON Schema
   * (`parametersJsonSchema`/`responseJsonSchema`) to Gemini 2.5+ and the sanitized Schema subset to
   * older models; `always`/`never` force one way.
   */
  jsonSchema?: 'auto' | 'always' | 'never';
  /** Ask for thought summaries; default: when `reasoning_effort` is set and not `none`. */
  includeThoughts?: boolean;
}

/** An OpenAI chat completion request → a Gemini/Vertex GenerateContentRequest (same body for both endpoints). */
export async function convertToGoogleRequest(
  request: ChatCompletionRequest,
  options: ConvertToGoogleRequestOptions,
): Promise<GoogleGenerateContentRequest> {
  // Everything that can be refused is refused before media downloads and the upstream call.
  checkGeminiRequestLimits(request);
  const extra = readGoogleExtraBody(request);
  const useJsonSchema =
    options.jsonSchema === 'always' ||
    (options.jsonSchema !== 'never' && acceptsJsonSchema(options.modelId));
  const { contents, systemInstruction } = await convertToGoogleContents(request.messages, {
    flavor: options.flavor,
    modelId: options.modelId,
    fetchMedia: options.fetchMedia,
    signal: options.signal,
  });
  const body: GoogleGenerateContentRequest = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  const { tools, toolConfig } = prepareGoogleTools(
    withLegacyFunctions(request),
    legacyToolChoice(request),
    { useJsonSchema },
  );
  if (tools) body.tools = tools;
  if (toolConfig) body.toolConfig = toolConfig;
  const generationConfig = buildGoogleGenerationConfig(request, {
    modelId: options.modelId,
    useJsonSchema,
    includeThoughts: options.includeThoughts,
    extra,
  });
  if (generationConfig) body.generationConfig = generationConfig;
  if (extra?.cachedContent !== undefined) body.cachedContent = extra.cachedContent;
  if (extra?.safetySettings !== undefined) body.safetySettings = extra.safetySettings;
  return body;
}

// The deprecated `functions`/`function_call` fields are the same declarations under older names.
function withLegacyFunctions(request: ChatCompletionRequest): ChatCompletionRequest['tools'] {
  if (request.tools !== undefined && request.tools !== null) return request.tools;
  const functions = request.functions;
  if (!Array.isArray(functions)) return undefined;
  return functions.map((fn) => ({
    type: 'function' as const,
    function: fn as { name: string; description?: string; parameters?: Record<string, unknown> },
  }));
}

function legacyToolChoice(request: ChatCompletionRequest): ChatCompletionRequest['tool_choice'] {
  if (request.tool_choice !== undefined && request.tool_choice !== null) return request.tool_choice;
  const call = request.function_call;
  if (call === 'none' || call === 'auto') return call;
  if (call && typeof call === 'object' && typeof (call as { name?: unknown }).name === 'string') {
    return { type: 'function', function: { name: (call as { name: string }).name } };
  }
  return undefined;
}
