import { matchModelPattern } from './match-model-pattern.js';

interface AliasGlob {
  pattern: string;
  target: string;
  literals: number;
}

// Sorted once per alias table (tables are built at startup and never change afterwards).
const globsByTable = new WeakMap<ReadonlyMap<string, string>, readonly AliasGlob[]>();

/** Whether an alias name is a glob (`claude-sonnet-*`) rather than an exact model name. */
export function isAliasGlob(name: string): boolean {
  return name.includes('*');
}

/**
 * The target an operator alias table (config-file `routes`) gives `model`, or undefined:
 * 1. an exact name (case-sensitive) wins over every glob;
 * 2. else the matching glob with the most literal characters (`*` stands for any run of characters,
 *    case-insensitive, as in `modelPatterns`): `claude-sonnet-4-5*` before `claude-sonnet-*` before
 *    `claude-*`; of equally long globs, the one listed first.
 * Glob names are routes, not models: a listing of callable ids leaves them out.
 */
export function resolveAlias(
  model: string,
  aliases: ReadonlyMap<string, string> | undefined,
): string | undefined {
  if (aliases === undefined || aliases.size === 0) return undefined;
  const exact = aliases.get(model);
  if (exact !== undefined) return exact;
  for (const glob of globsOf(aliases)) {
    if (matchModelPattern(glob.pattern, model)) return glob.target;
  }
  return undefined;
}

function globsOf(aliases: ReadonlyMap<string, string>): readonly AliasGlob[] {
  let globs = globsByTable.get(aliases);
  if (globs === undefined) {
    globs = [...aliases]
      .filter(([name]) => isAliasGlob(name))
      .map(([pattern, target]) => ({
        pattern,
        target,
        literals: pattern.replaceAll('*', '').length,
      }))
      // Array.prototype.sort is stable: equal lengths keep the table's (configuration) order.
      .sort((a, b) => b.literals - a.literals);
    globsByTable.set(aliases, globs);
  }
  return globs;
}
