/**
 * A contract file that is missing, unreadable or breaks the contract rules: the catalogue,
 * an envelope or payload schema, an example. The message names the file and, where it can,
 * the JSON path of the bad value, so it reads as a to-do list for whoever edits the contract.
 */
export class ContractError extends Error {
  readonly code = 'INVALID_CONTRACT';
  readonly isRetriable = false;

  constructor(
    readonly file: string,
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(ContractError.describe(file, problems), options);
    this.name = 'ContractError';
  }

  private static describe(file: string, problems: string[]): string {
    if (problems.length === 1) return `${file}: ${problems[0]}`;
    return `${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
  }
}
