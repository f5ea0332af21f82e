import { Type, types } from 'avsc';
import { BoundRule, evaluateRule, FieldProblem } from './bound-rule';
import { isOptional, unwrapOptional } from './contract-type-path';

type Values = ReadonlyArray<string | undefined>;

/** Builds a record from a source record's values; `set` says whether any rule gave a value. */
export type RecordBuilder = (
  values: Values,
  problems: FieldProblem[],
) => { record: Record<string, unknown>; set: boolean };

type FieldStep = (
  values: Values,
  problems: FieldProblem[],
  into: Record<string, unknown>,
) => boolean;

/**
 * Compiles, once per feed and file, a builder that fills every field of a contract record in
 * schema order: from its rule where the mapping has one, from a nested builder where rules
 * reach inside it (`geo.latitude`), and from the schema's default otherwise. An optional
 * nested record that no rule filled is null. The result always has exactly the schema's
 * fields, so the serde's undeclared-field check never trips on it.
 */
export function compileRecordBuilder(
  type: types.RecordType,
  prefix: string,
  rules: ReadonlyMap<string, BoundRule>,
): RecordBuilder {
  const steps = type.fields.map((field) => fieldStep(field, `${prefix}${field.name}`, rules));
  return (values, problems) => {
    const record: Record<string, unknown> = {};
    let set = false;
    for (const step of steps) set = step(values, problems, record) || set;
    return { record, set };
  };
}

function fieldStep(
  field: { name: string; type: Type; defaultValue(): unknown },
  path: string,
  rules: ReadonlyMap<string, BoundRule>,
): FieldStep {
  const name = field.name;
  const fallback = field.defaultValue();
  const rule = rules.get(path);
  if (rule !== undefined) {
    return (values, problems, into) => {
      const value = evaluateRule(rule, values, problems);
      into[name] = value === undefined ? fallback : value;
      return value !== undefined;
    };
  }
  const inner = unwrapOptional(field.type);
  const nested = [...rules.keys()].some((key) => key.startsWith(`${path}.`));
  if (nested && inner instanceof types.RecordType) {
    const build = compileRecordBuilder(inner, `${path}.`, rules);
    const optional = isOptional(field.type);
    return (values, problems, into) => {
      const { record, set } = build(values, problems);
      into[name] = !set && optional ? null : record;
      return set;
    };
  }
  return (_values, _problems, into) => {
    into[name] = fallback;
    return false;
  };
}
