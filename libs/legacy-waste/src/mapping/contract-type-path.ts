import { Type, types } from 'avsc';

/** The non-null branch of an optional (`["null", T]`) type, or the type itself. */
export function unwrapOptional(type: Type): Type {
  if (!(type instanceof types.UnwrappedUnionType)) return type;
  const branches = type.types.filter((branch) => branch.typeName !== 'null');
  return branches.length === 1 ? branches[0] : type;
}

/** True when the type accepts null (an optional field). */
export function isOptional(type: Type): boolean {
  return (
    type instanceof types.UnwrappedUnionType &&
    type.types.some((branch) => branch.typeName === 'null')
  );
}

/**
 * The type of the field at a dotted path under a record type (`payload.reason.level1`), looking
 * through optional wrappers, or undefined when the schema has no such field.
 */
export function fieldTypeAt(root: Type, path: string): Type | undefined {
  let current: Type = root;
  for (const name of path.split('.')) {
    const record = unwrapOptional(current);
    if (!(record instanceof types.RecordType)) return undefined;
    const field = record.field(name);
    if (field === undefined) return undefined;
    current = field.type;
  }
  return current;
}

/** The symbols of an enum type (optional or not), or undefined for any other type. */
export function enumSymbolsOf(type: Type): readonly string[] | undefined {
  const inner = unwrapOptional(type);
  return inner instanceof types.EnumType ? inner.symbols : undefined;
}
