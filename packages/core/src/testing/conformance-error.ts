/** Thrown by `assertConformant` when a check found problems; lists every problem, not just the first. */
export class ConformanceError extends Error {
  readonly problems: readonly string[];

  constructor(label: string, problems: readonly string[]) {
    super(
      `${label}: ${problems.length} conformance problem(s):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConformanceError';
    this.problems = problems;
  }
}
