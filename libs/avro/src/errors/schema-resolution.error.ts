import { AvroError } from './avro.error';

/** The reader schema asked for cannot read data written with the message's schema. */
export class SchemaResolutionError extends AvroError {
  readonly code = 'INCOMPATIBLE_READER_SCHEMA';
  readonly isRetriable = false;

  constructor(
    readonly writerSchemaId: number,
    readonly reasons: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `the reader schema cannot read data written with schema id ${writerSchemaId}: ` +
        reasons.join('; '),
      options,
    );
  }
}
