import { Type } from 'avsc';
import { AvroSchemaError } from '../errors/avro-schema.error';
import { avroTypeOptions } from './logical-types';
import { AvroSchemaInput, readSchemaJson } from './schema-input';

/**
 * Parses a schema into an avsc Type with Joined-up's logical types. Throws AvroSchemaError
 * naming what is wrong: the JSON position of a syntax error, or avsc's account of the schema
 * error (`undefined type name: Addres`, `duplicate "E" symbol: "A"`, ...).
 */
export function parseAvroSchema(input: AvroSchemaInput): Type {
  const json = readSchemaJson(input);
  return typeForSchemaJson(json);
}

/** As parseAvroSchema, for JSON that is already parsed. */
export function typeForSchemaJson(json: unknown): Type {
  try {
    return Type.forSchema(json as never, avroTypeOptions());
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AvroSchemaError(`invalid Avro schema: ${reason}`, { cause: err });
  }
}
