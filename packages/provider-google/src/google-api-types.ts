// Minimal wire types of the Gemini API (v1beta) and Vertex AI generateContent, as far as the gateway
// reads or writes them. Everything a response carries is optional: upstreams omit fields freely.

export type GoogleFlavor = 'gemini' | 'vertex';

export interface GoogleInlineData {
  mimeType: string;
  data: string;
}

export interface GoogleFileData {
  mimeType?: string;
  fileUri: string;
}

export interface GoogleFunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
  /** Vertex `streamFunctionCallArguments` only. */
  partialArgs?: unknown[];
  willContinue?: boolean;
}

export interface GoogleFunctionResponse {
  id?: string;
  name: string;
  response: Record<string, unknown>;
}

export interface GooglePart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: GoogleInlineData;
  fileData?: GoogleFileData;
  functionCall?: GoogleFunctionCall;
  functionResponse?: GoogleFunctionResponse;
  mediaResolution?: { level: string };
  [extra: string]: unknown;
}

export interface GoogleContent {
  role?: 'user' | 'model' | string;
  parts?: GooglePart[];
}

export interface GoogleFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GoogleTool {
  functionDeclarations?: GoogleFunctionDeclaration[];
  [extra: string]: unknown;
}

export interface GoogleToolConfig {
  functionCallingConfig: {
    mode: 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';
    allowedFunctionNames?: string[];
  };
}

export interface GoogleThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';
}

export interface GoogleGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  candidateCount?: number;
  stopSequences?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  responseJsonSchema?: Record<string, unknown>;
  responseLogprobs?: boolean;
  logprobs?: number;
  responseModalities?: string[];
  thinkingConfig?: GoogleThinkingConfig;
  [extra: string]: unknown;
}

/** One `safetySettings` entry: `HARM_CATEGORY_*` and `BLOCK_*`/`OFF`; `method` (Vertex) `SEVERITY`/`PROBABILITY`. */
export interface GoogleSafetySetting {
  category: string;
  threshold: string;
  method?: string;
}

export interface GoogleGenerateContentRequest {
  contents: GoogleContent[];
  systemInstruction?: { role?: string; parts: GooglePart[] };
  tools?: GoogleTool[];
  toolConfig?: GoogleToolConfig;
  generationConfig?: GoogleGenerationConfig;
  safetySettings?: GoogleSafetySetting[];
  cachedContent?: string;
  [extra: string]: unknown;
}

export interface GoogleUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  [extra: string]: unknown;
}

export interface GoogleLogprobsCandidate {
  token?: string;
  tokenId?: number;
  logProbability?: number;
}

export interface GoogleLogprobsResult {
  chosenCandidates?: GoogleLogprobsCandidate[];
  topCandidates?: Array<{ candidates?: GoogleLogprobsCandidate[] }>;
}

export interface GoogleCandidate {
  content?: GoogleContent;
  finishReason?: string;
  finishMessage?: string;
  index?: number;
  safetyRatings?: unknown[];
  citationMetadata?: unknown;
  logprobsResult?: GoogleLogprobsResult;
  [extra: string]: unknown;
}

export interface GooglePromptFeedback {
  blockReason?: string;
  blockReasonMessage?: string;
  safetyRatings?: unknown[];
}

export interface GoogleRpcError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ '@type'?: string; [key: string]: unknown }>;
}

export interface GoogleGenerateContentResponse {
  candidates?: GoogleCandidate[];
  promptFeedback?: GooglePromptFeedback;
  usageMetadata?: GoogleUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** Present when a stream fails after it started (a bare JSON object or a `data:` event). */
  error?: GoogleRpcError;
  [extra: string]: unknown;
}

export interface GoogleEmbedContentRequest {
  model: string;
  content: { parts: GooglePart[] };
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}

export interface GoogleBatchEmbedContentsRequest {
  requests: GoogleEmbedContentRequest[];
}

export interface GoogleBatchEmbedContentsResponse {
  embeddings?: Array<{ values?: number[] }>;
  usageMetadata?: { promptTokenCount?: number; totalTokenCount?: number };
}

export interface GoogleModel {
  name: string;
  baseModelId?: string;
  version?: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  thinking?: boolean;
  [extra: string]: unknown;
}

export interface GoogleListModelsResponse {
  models?: GoogleModel[];
  nextPageToken?: string;
}

export interface GoogleCountTokensResponse {
  totalTokens?: number;
  [extra: string]: unknown;
}
