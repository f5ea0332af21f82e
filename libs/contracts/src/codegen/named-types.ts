import { qualifyNames } from '../schema/compose-event-schema';
import { isNamedTypeDefinition, SchemaJson, SchemaObject } from '../schema/schema-json.types';

export interface NamedType {
  /** Full name, e.g. uk.gov.council.joinedup.waste.GeoPoint. */
  fullName: string;
  /** The name without its namespace, used as the TypeScript name. */
  shortName: string;
  namespace: string;
  /** The definition with every name inside it spelled in full. */
  definition: SchemaObject & { name: string };
}

/**
 * Every named type (record, enum, fixed) a schema defines, in order of definition, with names
 * spelled in full. A type defined twice in one schema is an Avro error avsc reports; here the
 * first definition wins.
 */
export function collectNamedTypes(schema: SchemaJson): NamedType[] {
  const found = new Map<string, NamedType>();
  visit(qualifyNames(schema, ''), found);
  return [...found.values()];
}

/**
 * What two definitions of one named type must agree on to be the same type: everything except
 * docs, which may be worded differently from file to file without changing the data.
 */
export function namedTypeSignature(definition: SchemaJson): string {
  return JSON.stringify(definition, (key, value: unknown) => (key === 'doc' ? undefined : value));
}

function visit(schema: SchemaJson, found: Map<string, NamedType>): void {
  if (typeof schema === 'string') return;
  if (Array.isArray(schema)) {
    schema.forEach((branch) => visit(branch, found));
    return;
  }
  if (isNamedTypeDefinition(schema)) {
    const split = schema.name.lastIndexOf('.');
    if (!found.has(schema.name)) {
      found.set(schema.name, {
        fullName: schema.name,
        shortName: schema.name.slice(split + 1),
        namespace: schema.name.slice(0, Math.max(split, 0)),
        definition: schema,
      });
    }
    schema.fields?.forEach((field) => visit(field.type, found));
    return;
  }
  if (typeof schema.type !== 'string') visit(schema.type, found);
  if (schema.items !== undefined) visit(schema.items, found);
  if (schema.values !== undefined) visit(schema.values, found);
}
