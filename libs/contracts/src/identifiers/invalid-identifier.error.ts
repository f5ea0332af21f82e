/**
 * A value that is not a valid identifier of its kind. The message names the field, quotes the
 * value and says what was expected, so it can go straight back to the caller that sent it.
 * It is meant for validation answers only: never log it, since the value may be personal data.
 */
export class InvalidIdentifierError extends Error {
  readonly code = 'INVALID_IDENTIFIER';
  readonly isRetriable = false;

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} is not valid: expected ${expected}`);
    this.name = 'InvalidIdentifierError';
  }
}

/** The value as a trimmed string, or an InvalidIdentifierError when it is not a string. */
export function requireText(value: unknown, field: string, expected: string): string {
  if (typeof value !== 'string') throw new InvalidIdentifierError(field, value, expected);
  return value.trim();
}
