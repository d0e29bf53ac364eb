// What a model id says about the Gemini features it accepts. Cheap string tests: they run per request.

/** Gemini 3.x (thinking levels, thought signatures required on replayed function calls). */
export function isGemini3Model(modelId: string): boolean {
  return /(^|\/)gemini-3/i.test(modelId);
}

/** Gemini 2.5 (thinking budgets). The `-latest` aliases point at 2.5 or newer. */
export function isGemini25Model(modelId: string): boolean {
  return /(^|\/)gemini-2\.5/i.test(modelId) || /(^|\/)gemini-(flash|flash-lite|pro)-latest$/i.test(modelId);
}

/** Models that take raw JSON Schema (`parametersJsonSchema`, `responseJsonSchema`): Gemini 2.5 and newer. */
export function acceptsJsonSchema(modelId: string): boolean {
  return isGemini3Model(modelId) || isGemini25Model(modelId) || /(^|\/)gemini-[4-9]/i.test(modelId);
}

/**
 * Models that take `presencePenalty` / `frequencyPenalty`: Gemini 2.5 and newer answer 400 "Penalty is
 * not enabled for models/…" (BerriAI/litellm#26108, PublicAffairs/openai-gemini#63, vercel/ai#4022), so
 * only older models (Gemini 2.0 / 1.5, Gemma) get them.
 */
export function acceptsPenalties(modelId: string): boolean {
  return !acceptsJsonSchema(modelId);
}

/** Gemma models on the Gemini API reject `systemInstruction`: the system text joins the first user turn. */
export function acceptsSystemInstruction(modelId: string): boolean {
  return !/(^|\/)gemma-/i.test(modelId);
}
