import { AvroError } from './avro.error';

/** A schema that is not valid JSON or not a valid Avro schema. */
export class AvroSchemaError extends AvroError {
  readonly code = 'INVALID_SCHEMA';
  readonly isRetriable = false;
}
