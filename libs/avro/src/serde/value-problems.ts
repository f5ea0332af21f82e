import { Type } from 'avsc';
import { ValueProblem } from '../errors/avro-validation.error';

const MAX_FOUND_LENGTH = 40;
const MAX_SYMBOLS_SHOWN = 12;

/**
 * Every place where `value` does not match `type`, from avsc's isValid errorHook, in words.
 * Only called once a value has failed the fast check, so it may be slow.
 */
export function findValueProblems(
  type: Type,
  value: unknown,
  noUndeclaredFields: boolean,
): ValueProblem[] {
  const problems: ValueProblem[] = [];
  type.isValid(value, {
    noUndeclaredFields,
    errorHook: (path, found, at) => {
      problems.push({
        path: path.length === 0 ? '(root)' : path.join('.'),
        expected: describeExpected(at, found),
        found: describeFound(found),
      });
    },
  });
  return problems;
}

type AnyType = Type & {
  symbols?: string[];
  size?: number;
  types?: Type[];
  fields?: { name: string }[];
};

function describeExpected(type: AnyType, found: unknown): string {
  const typeName = type.typeName;
  switch (typeName) {
    case 'int':
      return "'int', a whole number from -2147483648 to 2147483647";
    case 'long':
      return "'long', a whole number within Number.MAX_SAFE_INTEGER";
    case 'float':
    case 'double':
      return `'${typeName}', a number`;
    case 'bytes':
      return "'bytes', a Buffer";
    case 'record':
    case 'error':
      return describeRecord(type, found);
    case 'enum':
      return `enum '${type.name}', one of ${listSymbols(type.symbols ?? [])}`;
    case 'fixed':
      return `fixed '${type.name}', a Buffer of ${type.size} bytes`;
    case 'array':
      return 'an array';
    case 'map':
      return 'a map, an object of values';
    case 'union:unwrapped':
      return `one of ${(type.types ?? []).map(describeBranch).join(' | ')}`;
    case 'union:wrapped':
      return `a union value wrapped as {"<branch name>": value}, the branches being ${(type.types ?? []).map(describeBranch).join(' | ')}`;
    case 'logical:timestamp-millis':
      return 'timestamp-millis, a valid Date';
    case 'logical:date':
      return "date, a 'YYYY-MM-DD' string of a real calendar date";
    case 'logical:uuid':
      return "uuid, a string like '123e4567-e89b-12d3-a456-426614174000'";
    case 'logical:decimal':
      return describeDecimal(type);
    default:
      return `'${typeName}'`;
  }
}

function describeRecord(type: AnyType, found: unknown): string {
  const name = `record '${type.name}'`;
  if (found === null || typeof found !== 'object') return `${name}, an object`;
  const declared = new Set((type.fields ?? []).map((field) => field.name));
  const undeclared = Object.keys(found).filter((key) => !declared.has(key));
  return undeclared.length === 0
    ? name
    : `${name} without the fields it does not declare: ${undeclared.join(', ')}`;
}

function describeDecimal(type: Type): string {
  const { precision, scale } = type.schema({ exportAttrs: true }) as {
    precision?: number;
    scale?: number;
  };
  const example = (scale ?? 0) > 0 ? `12.${'5'.padEnd(scale ?? 0, '0')}` : '12';
  return (
    `decimal with precision ${precision} and scale ${scale}, a string of at most ` +
    `${precision} digits with at most ${scale} after the point, such as '${example}'`
  );
}

function describeBranch(type: Type): string {
  return type.name ?? type.typeName;
}

function listSymbols(symbols: string[]): string {
  const shown = symbols.slice(0, MAX_SYMBOLS_SHOWN).join(', ');
  return symbols.length > MAX_SYMBOLS_SHOWN ? `[${shown}, ...]` : `[${shown}]`;
}

/** The value found, short: it may be personal data, and it goes into an error message. */
function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid Date' : `Date ${value.toISOString()}`;
  }
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (typeof value === 'bigint') return `bigint ${truncate(value.toString())}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return truncate(safeJson(value));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function truncate(text: string): string {
  return text.length <= MAX_FOUND_LENGTH
    ? text
    : `${text.slice(0, MAX_FOUND_LENGTH)}... (truncated)`;
}
