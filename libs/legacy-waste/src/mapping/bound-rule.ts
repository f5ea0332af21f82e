import { FieldRule } from '../council/council-config.types';
import { compileConverter, ConversionProblem, ValueConverter } from './value-converter';

/** Something wrong with one field of one record, in the words a rejection uses. */
export interface FieldProblem {
  field: string;
  value: string;
  reason: string;
}

/** A mapping rule tied to a file's columns: where to read its value and how to convert it. */
export interface BoundRule {
  /** Contract path the value goes to: `occurredAt`, `payload.reason.level1`. */
  target: string;
  /** The source field, as a rejection names it. */
  source: string;
  /** Column of the source field in the file, -1 when the file lacks it. */
  index: number;
  constant: unknown;
  convert: ValueConverter;
  required: boolean;
}

/** Compiles a rule against the file's column index (normalised name to position). */
export function bindRule(
  target: string,
  rule: FieldRule,
  indexOf: (source: string) => number,
): BoundRule {
  return {
    target,
    source: rule.source ?? target,
    index: rule.source === undefined ? -1 : indexOf(rule.source),
    constant: rule.constant,
    convert: compileConverter(rule),
    required: rule.required === true,
  };
}

/**
 * The rule's value for a record: its constant, or the source value trimmed and converted.
 * Undefined when the source is blank; a missing required value or one that does not convert
 * is added to `problems`.
 */
export function evaluateRule(
  rule: BoundRule,
  values: ReadonlyArray<string | undefined>,
  problems: FieldProblem[],
): unknown {
  if (rule.constant !== undefined) return rule.constant;
  const raw = rule.index < 0 ? undefined : values[rule.index];
  const text = raw === undefined ? '' : raw.trim();
  if (text.length === 0) {
    if (rule.required)
      problems.push({ field: rule.source, value: '', reason: 'a value is required' });
    return undefined;
  }
  const value = rule.convert(text);
  if (value instanceof ConversionProblem) {
    problems.push({ field: rule.source, value: text, reason: value.reason });
    return undefined;
  }
  return value;
}
