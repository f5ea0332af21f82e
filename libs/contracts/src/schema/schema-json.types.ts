/** The parts of Avro schema JSON the contract tooling reads. */
export type SchemaJson = string | SchemaJson[] | SchemaObject;

export interface SchemaObject {
  type: SchemaJson;
  name?: string;
  namespace?: string;
  doc?: string;
  fields?: FieldJson[];
  symbols?: string[];
  default?: unknown;
  items?: SchemaJson;
  values?: SchemaJson;
  logicalType?: string;
  [attribute: string]: unknown;
}

export interface FieldJson {
  name: string;
  type: SchemaJson;
  doc?: string;
  default?: unknown;
  [attribute: string]: unknown;
}

export interface RecordSchemaJson extends SchemaObject {
  type: 'record';
  name: string;
  fields: FieldJson[];
}

export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

export function isNamedTypeDefinition(
  schema: SchemaJson,
): schema is SchemaObject & { name: string } {
  return (
    typeof schema === 'object' &&
    !Array.isArray(schema) &&
    (schema.type === 'record' || schema.type === 'enum' || schema.type === 'fixed')
  );
}

export function isRecordSchema(schema: unknown): schema is RecordSchemaJson {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    (schema as SchemaObject).type === 'record' &&
    typeof (schema as SchemaObject).name === 'string' &&
    Array.isArray((schema as SchemaObject).fields)
  );
}

/** The full name of a named type defined inside `enclosingNamespace` (Avro 1.11, "Names"). */
export function fullNameOf(
  name: string,
  namespace: string | undefined,
  enclosingNamespace: string,
): string {
  if (name.includes('.')) return name;
  const space = namespace ?? enclosingNamespace;
  return space ? `${space}.${name}` : name;
}
