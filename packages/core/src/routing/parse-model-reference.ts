export interface ModelReference {
  /** The instance named by an `instance/model` prefix, when the prefix is a configured instance. */
  instanceName: string | undefined;
  model: string;
}

/**
 * Splits `google/gemini-2.5-flash` into instance and model — but only when the part before the
 * first `/` is a configured instance, because model ids may contain `/` themselves
 * (`meta-llama/Llama-3.1-8B` on an OpenAI-compatible server).
 */
export function parseModelReference(
  model: string,
  instanceNames: ReadonlySet<string>,
): ModelReference {
  const slash = model.indexOf('/');
  if (slash > 0) {
    const prefix = model.slice(0, slash);
    if (instanceNames.has(prefix)) return { instanceName: prefix, model: model.slice(slash + 1) };
  }
  return { instanceName: undefined, model };
}
