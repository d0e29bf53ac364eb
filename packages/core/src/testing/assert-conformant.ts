import { ConformanceError } from './conformance-error.js';

/** Turns the problem list of a `check*` function into a thrown ConformanceError (no-op when empty). */
export function assertConformant(problems: readonly string[], label = 'OpenAI conformance'): void {
  if (problems.length > 0) throw new ConformanceError(label, problems);
}
