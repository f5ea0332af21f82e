export { AvroError } from './errors/avro.error';
export { AvroSchemaError } from './errors/avro-schema.error';

export type { AvroSchemaInput } from './schema/schema-input';
export { parseAvroSchema } from './schema/parse-avro-schema';
export { canonicalForm } from './schema/canonical-form';
export { normalizedForm } from './schema/normalized-form';
export { LOGICAL_TYPES, avroTypeOptions } from './schema/logical-types';

export type { CompatibilityLevel } from './compatibility/compatibility-level';
export { COMPATIBILITY_LEVELS, isCompatibilityLevel } from './compatibility/compatibility-level';
export type {
  CompatibilityResult,
  Incompatibility,
  IncompatibilityRule,
} from './compatibility/incompatibility';
export { checkCompatibility } from './compatibility/check-compatibility';
export { readerCanRead } from './compatibility/reader-can-read';

export { AvroValidationError } from './errors/avro-validation.error';
export type { ValueProblem } from './errors/avro-validation.error';
export { SchemaRegistryError, CONFLUENT_ERROR_CODES } from './errors/schema-registry.error';
export { SchemaResolutionError } from './errors/schema-resolution.error';
export { WireFormatError } from './errors/wire-format.error';

export { AvroSerde } from './serde/avro-serde';
export type { AvroSerdeOptions, DecodeOptions, EncodeOptions } from './serde/avro-serde';
export { SchemaRegistryClient } from './serde/schema-registry-client';
export type {
  SchemaById,
  SchemaRegistryClientOptions,
  SchemaType,
  SubjectVersion,
} from './serde/schema-registry-client';
export { MAGIC_BYTE, WIRE_HEADER_SIZE, readSchemaId, toWireFormat } from './serde/wire-format';
