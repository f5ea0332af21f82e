import { AvroError } from './avro.error';

/** A message that is not in the Confluent wire format, or whose Avro body cannot be read. */
export class WireFormatError extends AvroError {
  readonly code = 'INVALID_WIRE_FORMAT';
  readonly isRetriable = false;
}
