import { FieldJson, PRIMITIVE_TYPES, SchemaJson, SchemaObject } from '../schema/schema-json.types';
import { NamedType } from './named-types';

/**
 * TypeScript for Avro values as avsc reads and writes them with Joined-up's logical types
 * (libs/avro): timestamp-millis is a Date, date a 'YYYY-MM-DD' string, decimal a string of
 * digits, uuid a string; long is a number (values beyond 2^53 are not used); bytes a Buffer.
 */
const PRIMITIVE_TS: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};
const LOGICAL_TS: Record<string, string> = {
  'timestamp-millis': 'Date',
  date: 'string',
  uuid: 'string',
  decimal: 'string',
};
const LOGICAL_NOTE: Record<string, string> = {
  'timestamp-millis': 'A Date (timestamp-millis).',
  date: "A 'YYYY-MM-DD' date.",
  decimal: "A decimal as text, e.g. '12.50'.",
};

/** The declaration of one named type: an interface for a record, a union of literals for an enum. */
export function renderNamedType(type: NamedType): string {
  const { definition } = type;
  const doc = docComment(definition.doc, '');
  switch (definition.type) {
    case 'record':
      return `${doc}export interface ${type.shortName} {\n${renderFields(definition.fields ?? [])}}\n`;
    case 'enum': {
      const symbols = (definition.symbols ?? []).map((symbol) => `'${symbol}'`).join(' | ');
      return `${doc}export type ${type.shortName} = ${symbols};\n`;
    }
    default:
      return `${doc}export type ${type.shortName} = Buffer;\n`;
  }
}

export function renderFields(fields: FieldJson[], overrides: Record<string, string> = {}): string {
  return fields
    .map((field) => {
      const note = logicalNote(field.type);
      const doc = docComment([field.doc, note].filter(Boolean).join(' '), '  ');
      return `${doc}  ${field.name}: ${overrides[field.name] ?? typeExpression(field.type)};\n`;
    })
    .join('');
}

/** The TypeScript type of an Avro type; named types by their short name. */
export function typeExpression(schema: SchemaJson): string {
  if (typeof schema === 'string') return PRIMITIVE_TS[schema] ?? shortNameOf(schema);
  if (Array.isArray(schema)) {
    // Nullable last reads as TypeScript usually does: `string | null`.
    const branches = [...schema].sort((a, b) => Number(a === 'null') - Number(b === 'null'));
    return branches.map(typeExpression).join(' | ');
  }
  return objectTypeExpression(schema);
}

function objectTypeExpression(schema: SchemaObject): string {
  if (schema.name !== undefined) return shortNameOf(schema.name);
  if (schema.logicalType !== undefined && LOGICAL_TS[schema.logicalType] !== undefined) {
    return LOGICAL_TS[schema.logicalType];
  }
  if (schema.type === 'array') return `${parenthesise(typeExpression(schema.items ?? 'null'))}[]`;
  if (schema.type === 'map') return `Record<string, ${typeExpression(schema.values ?? 'null')}>`;
  return typeExpression(schema.type);
}

function parenthesise(expression: string): string {
  return expression.includes(' | ') ? `(${expression})` : expression;
}

function shortNameOf(name: string): string {
  if (PRIMITIVE_TYPES.has(name)) return PRIMITIVE_TS[name];
  return name.slice(name.lastIndexOf('.') + 1);
}

function logicalNote(schema: SchemaJson): string | undefined {
  const branches = Array.isArray(schema) ? schema : [schema];
  for (const branch of branches) {
    if (typeof branch === 'object' && !Array.isArray(branch) && branch.logicalType) {
      return LOGICAL_NOTE[branch.logicalType];
    }
  }
  return undefined;
}

const WIDTH = 100;

/**
 * A JSDoc block wrapped to the project's 100 columns (prettier leaves comments alone);
 * `*\/` inside a doc is broken up so it cannot end the comment early.
 */
export function docComment(doc: string | undefined, indent: string): string {
  if (!doc) return '';
  const safe = doc.replace(/\*\//g, '*\\/');
  if (indent.length + safe.length + 7 <= WIDTH) return `${indent}/** ${safe} */\n`;
  const lines = wrapWords(safe, WIDTH - indent.length - 3);
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}\n`).join('')}${indent} */\n`;
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
