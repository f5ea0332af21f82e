import { Type } from 'avsc';
import { AvroSchemaError } from '../errors/avro-schema.error';
import { findJsonErrorPosition } from './json-error-position';

/** A schema as JSON text (what the registry stores) or already parsed. */
export type AvroSchemaInput = string | object;

const PRIMITIVE_NAME = /^(null|boolean|int|long|float|double|bytes|string)$/;

/**
 * The parsed JSON of a schema. Also accepts a bare primitive name (`int`) and an avsc Type,
 * whose schema is exported with its attributes so logical types and defaults survive.
 */
export function readSchemaJson(input: AvroSchemaInput): unknown {
  if (typeof input !== 'string') {
    return Type.isType(input) ? (input as Type).schema({ exportAttrs: true }) : input;
  }
  if (PRIMITIVE_NAME.test(input.trim())) return input.trim();
  try {
    return JSON.parse(input);
  } catch (err) {
    throw new AvroSchemaError(describeJsonError(input, err), { cause: err });
  }
}

function describeJsonError(text: string, err: unknown): string {
  if (text.trim() === '') return 'schema is empty: expected Avro schema JSON text';
  const { offset, line, column } = findJsonErrorPosition(text);
  const found = offset < text.length ? JSON.stringify(text.slice(offset, offset + 12)) : 'the end';
  const reason = err instanceof Error ? err.message : String(err);
  return (
    `schema is not valid JSON at line ${line}, column ${column} (position ${offset}), ` +
    `near ${found}: ${reason}`
  );
}
