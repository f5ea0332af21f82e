import { AvroError } from './avro.error';

/** One field of a value that does not match its schema. */
export interface ValueProblem {
  /** Dotted path to the field, `payload.amount`; array items and map keys are segments too (`lines.2.amount`); `(root)` for the value itself. */
  path: string;
  /** What the schema expects there, in words: `decimal (precision 10, scale 2) as a string`. */
  expected: string;
  /** The value found, as JSON, cut to a few dozen characters. */
  found: string;
}

/**
 * A value that does not match the schema it is being encoded with. The message lists every
 * bad field; it quotes the values, truncated, so it must not be logged where personal data
 * may not go. This library never logs it.
 */
export class AvroValidationError extends AvroError {
  readonly code = 'INVALID_VALUE';
  readonly isRetriable = false;

  constructor(
    readonly subject: string,
    readonly schemaId: number,
    readonly problems: readonly ValueProblem[],
  ) {
    super(
      `value for subject '${subject}' (schema id ${schemaId}) does not match its schema: ` +
        problems
          .map(({ path, expected, found }) => `at ${path} expected ${expected}, found ${found}`)
          .join('; '),
    );
  }
}
