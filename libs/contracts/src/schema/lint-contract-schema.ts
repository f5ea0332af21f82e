import { FieldJson, SchemaJson, SchemaObject } from './schema-json.types';

/**
 * Checks the house rules Avro itself does not enforce, and returns one line per breach naming
 * where it is (`MissedCollectionReportedPayload.uprn`):
 * - every record, enum and field has a doc;
 * - an optional field is `["null", T]` with default null, so it can be added and removed
 *   under every compatibility level;
 * - every enum has a default symbol, so a reader meets a symbol added later by the source
 *   (a new DVLA tax status) with the default instead of failing.
 */
export function lintContractSchema(schema: SchemaJson): string[] {
  const problems: string[] = [];
  visitType(schema, '', problems);
  return problems;
}

function visitType(schema: SchemaJson, where: string, problems: string[]): void {
  if (typeof schema === 'string') return;
  if (Array.isArray(schema)) {
    schema.forEach((branch) => visitType(branch, where, problems));
    return;
  }
  switch (schema.type) {
    case 'record':
      visitRecord(schema, problems);
      return;
    case 'enum':
      checkEnum(schema, problems);
      return;
    case 'array':
      if (schema.items !== undefined) visitType(schema.items, `${where}[]`, problems);
      return;
    case 'map':
      if (schema.values !== undefined) visitType(schema.values, `${where}{}`, problems);
      return;
    default:
      if (typeof schema.type !== 'string') visitType(schema.type, where, problems);
  }
}

function visitRecord(record: SchemaObject, problems: string[]): void {
  const name = record.name ?? '(unnamed record)';
  if (!hasDoc(record)) problems.push(`${name}: record has no doc`);
  for (const field of record.fields ?? []) {
    const where = `${name}.${field.name}`;
    if (!hasDoc(field)) problems.push(`${where}: field has no doc`);
    checkOptional(field, where, problems);
    visitType(field.type, where, problems);
  }
}

function checkEnum(schema: SchemaObject, problems: string[]): void {
  const name = schema.name ?? '(unnamed enum)';
  if (!hasDoc(schema)) problems.push(`${name}: enum has no doc`);
  const symbols = schema.symbols ?? [];
  if (schema.default === undefined) {
    problems.push(`${name}: enum has no default symbol (add e.g. "default": "UNKNOWN")`);
  } else if (!symbols.includes(schema.default as string)) {
    problems.push(
      `${name}: enum default ${JSON.stringify(schema.default)} is not one of its symbols`,
    );
  }
}

function checkOptional(field: FieldJson, where: string, problems: string[]): void {
  if (!Array.isArray(field.type)) return;
  const isNullFirstPair = field.type.length === 2 && field.type[0] === 'null';
  if (!isNullFirstPair) {
    problems.push(
      `${where}: a union must be ["null", T] (an optional field); got ${JSON.stringify(field.type)}`,
    );
    return;
  }
  if (field.default !== null) {
    problems.push(
      `${where}: optional field needs "default": null, got ${JSON.stringify(field.default)}`,
    );
  }
}

function hasDoc(node: { doc?: unknown }): boolean {
  return typeof node.doc === 'string' && node.doc.trim().length > 0;
}
