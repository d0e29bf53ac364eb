export interface DockerInstruction {
  /** Upper-case keyword: RUN, COPY, CMD… */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with one space. */
  args: string;
  /** 1-based line where the instruction starts (for failure messages). */
  line: number;
}

export interface DockerStage {
  image: string;
  name: string | undefined;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  /** Instructions before the first FROM (only ARG is allowed there). */
  globalArgs: DockerInstruction[];
  stages: DockerStage[];
}

/**
 * Just enough of the Dockerfile grammar to check the image's promises without a Docker engine:
 * `\` continuations, comment lines (dropped even inside a continuation, as Docker does) and stages.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let startLine = 0;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const trimmed = (lines[index] as string).trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === '')) continue;
    if (pending === '') startLine = index + 1;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1).trim()} `;
      continue;
    }
    pending += trimmed;
    const match = /^(\S+)\s*(.*)$/s.exec(pending.trim());
    if (match)
      instructions.push({
        keyword: (match[1] as string).toUpperCase(),
        args: (match[2] as string).trim(),
        line: startLine,
      });
    pending = '';
  }
  if (pending.trim() !== '')
    throw new Error(`Dockerfile ends inside a line continuation (line ${startLine})`);

  const globalArgs: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!from)
        throw new Error(`unreadable FROM at line ${instruction.line}: ${instruction.args}`);
      stages.push({ image: from[1] as string, name: from[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`${instruction.keyword} before the first FROM (line ${instruction.line})`);
      globalArgs.push(instruction);
    } else {
      (stages.at(-1) as DockerStage).instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/**
 * The JSON array of an exec-form CMD/ENTRYPOINT/HEALTHCHECK CMD. Docker silently falls back to the
 * shell form when the text is not valid JSON, so anything else is an error here.
 */
export function parseExecForm(args: string): string[] {
  const value: unknown = JSON.parse(args);
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string')
  ) {
    throw new Error(`not an exec-form JSON array of strings: ${args}`);
  }
  return value as string[];
}

/** `KEY=value` pairs of an ENV instruction (unquoted values; the legacy `ENV KEY value` form too). */
export function parseEnvInstruction(args: string): Record<string, string> {
  if (!args.includes('=')) {
    const [key, ...rest] = args.split(/\s+/);
    return { [key as string]: rest.join(' ') };
  }
  const pairs: Record<string, string> = {};
  for (const token of args.split(/\s+/).filter(Boolean)) {
    const equals = token.indexOf('=');
    if (equals <= 0 || /["']/.test(token))
      throw new Error(`ENV pair this parser does not handle: ${token}`);
    pairs[token.slice(0, equals)] = token.slice(equals + 1);
  }
  return pairs;
}
