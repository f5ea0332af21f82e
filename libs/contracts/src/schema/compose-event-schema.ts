import { ContractError } from '../catalogue/contract.error';
import {
  FieldJson,
  fullNameOf,
  isNamedTypeDefinition,
  isRecordSchema,
  PRIMITIVE_TYPES,
  RecordSchemaJson,
  SchemaJson,
} from './schema-json.types';

export interface EventNames {
  eventType: string;
  /** Namespace of the event's domain, e.g. uk.gov.council.joinedup.waste. */
  namespace: string;
  envelopeFile: string;
  payloadFile: string;
}

export const PAYLOAD_FIELD = 'payload';

/**
 * Builds the self-contained event schema a registry stores: a record named after the event
 * type whose fields are the envelope's fields, in order, then `payload`, the payload record.
 * Every named type the envelope defines is rewritten to its full name, so it keeps the
 * envelope's namespace inside the event's (uk.gov.council.joinedup.envelope.Classification
 * whatever the domain), and so is the same type in every event.
 */
export function composeEventSchema(
  envelope: unknown,
  payload: unknown,
  names: EventNames,
): RecordSchemaJson {
  const envelopeRecord = requireRecord(envelope, names.envelopeFile);
  const payloadRecord = requirePayloadRecord(payload, names);
  const envelopeNamespace = envelopeRecord.namespace ?? '';

  const envelopeFields: FieldJson[] = envelopeRecord.fields.map((field) => ({
    ...field,
    type: qualifyNames(field.type, envelopeNamespace),
  }));
  const payloadField: FieldJson = {
    name: PAYLOAD_FIELD,
    type: payloadRecord,
    doc: `The facts of ${names.eventType}; see ${payloadRecord.name}.`,
  };
  return {
    type: 'record',
    name: names.eventType,
    namespace: names.namespace,
    doc: payloadRecord.doc,
    fields: [...envelopeFields, payloadField],
  };
}

function requireRecord(schema: unknown, file: string): RecordSchemaJson {
  if (!isRecordSchema(schema)) {
    throw new ContractError(file, ['expected an Avro record schema with a name and fields']);
  }
  return schema;
}

function requirePayloadRecord(schema: unknown, names: EventNames): RecordSchemaJson {
  const record = requireRecord(schema, names.payloadFile);
  const problems: string[] = [];
  const expectedName = `${names.eventType}Payload`;
  if (record.name !== expectedName) {
    problems.push(
      `record name ${JSON.stringify(record.name)} should be ${JSON.stringify(expectedName)}`,
    );
  }
  if (record.namespace !== names.namespace) {
    problems.push(
      `namespace ${JSON.stringify(record.namespace)} should be ${JSON.stringify(names.namespace)}`,
    );
  }
  const clashes = record.fields.filter((field) => field.name === PAYLOAD_FIELD);
  if (clashes.length > 0)
    problems.push(`a payload field may not itself be called "${PAYLOAD_FIELD}"`);
  if (problems.length > 0) throw new ContractError(names.payloadFile, problems);
  return record;
}

/** A copy of `schema` with every named type and name reference spelled as its full name. */
export function qualifyNames(schema: SchemaJson, enclosingNamespace: string): SchemaJson {
  if (typeof schema === 'string') {
    return PRIMITIVE_TYPES.has(schema) ? schema : fullNameOf(schema, undefined, enclosingNamespace);
  }
  if (Array.isArray(schema))
    return schema.map((branch) => qualifyNames(branch, enclosingNamespace));

  if (isNamedTypeDefinition(schema)) {
    const fullName = fullNameOf(schema.name, schema.namespace, enclosingNamespace);
    const innerNamespace = fullName.slice(0, Math.max(fullName.lastIndexOf('.'), 0));
    const qualified = { ...schema, name: fullName };
    delete qualified.namespace;
    if (schema.fields) {
      qualified.fields = schema.fields.map((field) => ({
        ...field,
        type: qualifyNames(field.type, innerNamespace),
      }));
    }
    return qualified;
  }

  const isComplexKeyword = schema.type === 'array' || schema.type === 'map';
  const type = isComplexKeyword ? schema.type : qualifyNames(schema.type, enclosingNamespace);
  const copy = { ...schema, type };
  if (schema.items !== undefined) copy.items = qualifyNames(schema.items, enclosingNamespace);
  if (schema.values !== undefined) copy.values = qualifyNames(schema.values, enclosingNamespace);
  return copy;
}
