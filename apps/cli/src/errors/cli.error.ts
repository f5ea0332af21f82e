/** Exit status of every command: 0 done, 1 a command failed, 2 a bad command line or setting. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * The one base class of the errors a command stops with. `code` is stable and safe to branch
 * on; the message says what went wrong and how to fix it, and is printed as it is.
 */
export abstract class CliError extends Error {
  abstract readonly code: string;
  readonly exitCode: number = EXIT_FAILED;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
