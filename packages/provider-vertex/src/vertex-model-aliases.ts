/**
 * PaLM-era Vertex model names (retired on Vertex AI) pointed at the current models that replace them,
 * so clients written for them keep working. Keys are matched case-insensitively; options.aliases / VERTEX_AI_MODEL_ALIASES
 * add to or override this table.
 */
export const DEFAULT_VERTEX_MODEL_ALIASES: Readonly<Record<string, string>> = {
  'chat-bison': 'gemini-2.5-flash',
  'chat-bison@002': 'gemini-2.5-flash',
  'text-bison': 'gemini-2.5-flash',
  'text-bison@002': 'gemini-2.5-flash',
  'embedding-gecko': 'text-embedding-005',
  'textembedding-gecko@003': 'text-embedding-005',
  'embedding-gecko-multilingual': 'text-multilingual-embedding-002',
  'textembedding-gecko-multilingual@003': 'text-multilingual-embedding-002',
};

/**
 * Model globs claimed in routing step 3. `gemini-*` is shared with provider-google: when both are
 * loaded, the default provider (AZURE_OPENAI_PROXY_MODE) wins, then configuration order; use the
 * `vertex/` prefix or set modelPatterns to choose. `text-embedding-00*` leaves OpenAI's
 * `text-embedding-3-*` and `text-embedding-ada-002` to Azure/OpenAI.
 */
export const DEFAULT_VERTEX_MODEL_PATTERNS: readonly string[] = [
  'gemini-*',
  'imagen-*',
  'text-embedding-00*',
  'text-multilingual-embedding-*',
];

/**
 * Publishers whose `publisher/model` ids (`meta/llama-4-maverick-17b-128e-instruct-maas`) are Model
 * Garden models, sent to Vertex's OpenAI-compatible endpoint (`endpoints/openapi/chat/completions`)
 * instead of the Gemini translation: the open and partner models Vertex documents there (Llama, Mistral,
 * DeepSeek, Qwen, gpt-oss, Kimi, MiniMax, GLM). Their `{publisher}/*` globs join the default
 * model patterns; options.modelGarden.publishers replaces the list.
 */
export const DEFAULT_MODEL_GARDEN_PUBLISHERS: readonly string[] = [
  'meta',
  'mistralai',
  'deepseek-ai',
  'qwen',
  'openai',
  'moonshotai',
  'minimaxai',
  'zai-org',
];
