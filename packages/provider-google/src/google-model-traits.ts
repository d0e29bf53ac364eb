// What a model id says about the Gemini features it accepts. Cheap string tests: they run per request.

/** Gemini 3.x (thinking levels, thought signatures required on replayed function calls). */
export function isGemini3Model(modelId: string): boolean {
  return /(^|\/)gemini-3/i.test(modelId);
}

/** Gemini 2.5 (thinking budgets). The `-latest` aliases point at 2.5 or newer. */
export function isGemini25Model(modelId: string): boolean {
  return (
    /(^|\/)gemini-2\.5/i.test(modelId) ||
    /(^|\/)gemini-(flash|flash-lite|pro)-latest$/i.test(modelId)
  );
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

/** How a model takes its thinking setting: a level (Gemini 3.x) or a token budget (Gemini 2.5). */
export type GeminiThinkingTraits =
  | {
      kind: 'level';
      levels: readonly GeminiThinkingLevel[];
      family: 'gemini-3-pro' | 'gemini-3.x-pro' | 'gemini-3-flash';
    }
  | {
      kind: 'budget';
      min: number;
      max: number;
      canDisable: boolean;
      family: 'gemini-2.5-pro' | 'gemini-2.5-flash' | 'gemini-2.5-flash-lite';
    };

export type GeminiThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * The thinking controls a model accepts (ai.google.dev/gemini-api/docs/thinking): Gemini 3 Pro takes
 * LOW and HIGH, Gemini 3.1 Pro (and later Pro models) LOW, MEDIUM and HIGH, the Flash and Flash-Lite
 * models all four levels; Gemini 2.5 takes budgets (Pro 128–32768 and always thinks, Flash 0–24576,
 * Flash-Lite 512–24576 or 0). Undefined for models that do not think (2.0, Gemma).
 */
export function geminiThinkingTraits(modelId: string): GeminiThinkingTraits | undefined {
  const model = modelId.toLowerCase();
  if (isGemini3Model(model)) {
    if (model.includes('flash'))
      return {
        kind: 'level',
        levels: ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'],
        family: 'gemini-3-flash',
      };
    if (/(^|\/)gemini-3(\.0)?-pro/.test(model))
      return { kind: 'level', levels: ['LOW', 'HIGH'], family: 'gemini-3-pro' };
    return { kind: 'level', levels: ['LOW', 'MEDIUM', 'HIGH'], family: 'gemini-3.x-pro' };
  }
  if (isGemini25Model(model)) {
    if (model.includes('flash-lite'))
      return {
        kind: 'budget',
        min: 512,
        max: 24576,
        canDisable: true,
        family: 'gemini-2.5-flash-lite',
      };
    if (model.includes('flash'))
      return { kind: 'budget', min: 0, max: 24576, canDisable: true, family: 'gemini-2.5-flash' };
    return { kind: 'budget', min: 128, max: 32768, canDisable: false, family: 'gemini-2.5-pro' };
  }
  return undefined;
}
