import { Type } from 'avsc';

/** True when every record in the value has only fields its schema declares. */
export type DeclaredFieldsCheck = (value: unknown) => boolean;

type AnyType = Type & {
  fields?: { name: string; type: Type }[];
  types?: Type[];
  itemsType?: Type;
  valuesType?: Type;
};

/**
 * Compiles, for a type, a check that a value already known to be valid has no undeclared
 * fields: a typo in an optional field name would otherwise be dropped without a word. avsc
 * can check this (`isValid` with `noUndeclaredFields`) but builds an array of keys for every
 * record it visits, which costs more than the rest of validation together; this compiles
 * each record's field names into a switch, as avsc compiles its own checkers.
 */
export function compileDeclaredFieldsCheck(type: Type): DeclaredFieldsCheck {
  return new CheckCompiler().compile(type) ?? (() => true);
}

class CheckCompiler {
  private readonly records = new Map<Type, DeclaredFieldsCheck>();

  /** undefined when no record can occur in values of this type. */
  compile(type: AnyType): DeclaredFieldsCheck | undefined {
    switch (type.typeName) {
      case 'record':
      case 'error':
        return this.record(type);
      case 'array':
        return this.array(type.itemsType as Type);
      case 'map':
        return this.map(type.valuesType as Type);
      case 'union:unwrapped':
        return this.unwrappedUnion(type.types ?? []);
      case 'union:wrapped':
        return this.wrappedUnion(type.types ?? []);
      default:
        return undefined;
    }
  }

  private record(type: AnyType): DeclaredFieldsCheck {
    const known = this.records.get(type);
    if (known) return known;
    let compiled: DeclaredFieldsCheck = () => true;
    this.records.set(type, (value) => compiled(value));

    const fields = type.fields ?? [];
    const onlyDeclaredKeys = compileKeySwitch(fields.map((field) => field.name));
    const nested = fields
      .map((field) => ({ name: field.name, check: this.compile(field.type) }))
      .filter((field): field is { name: string; check: DeclaredFieldsCheck } => !!field.check);
    compiled = (value) => {
      if (!onlyDeclaredKeys(value)) return false;
      for (const { name, check } of nested) {
        const fieldValue = (value as Record<string, unknown>)[name];
        if (fieldValue !== undefined && fieldValue !== null && !check(fieldValue)) return false;
      }
      return true;
    };
    return compiled;
  }

  private array(items: Type): DeclaredFieldsCheck | undefined {
    const check = this.compile(items);
    if (!check) return undefined;
    return (value) => (value as unknown[]).every((item) => item === null || check(item));
  }

  private map(values: Type): DeclaredFieldsCheck | undefined {
    const check = this.compile(values);
    if (!check) return undefined;
    return (value) => Object.values(value as object).every((item) => item === null || check(item));
  }

  /** An unwrapped union holds at most one array branch and one object (record or map) branch. */
  private unwrappedUnion(branches: Type[]): DeclaredFieldsCheck | undefined {
    const arrayBranch = branches.find((branch) => branch.typeName === 'array');
    const objectBranch = branches.find((branch) =>
      ['record', 'error', 'map'].includes(branch.typeName),
    );
    const checkArray = arrayBranch && this.compile(arrayBranch);
    const checkObject = objectBranch && this.compile(objectBranch);
    if (!checkArray && !checkObject) return undefined;
    return (value) => {
      if (Array.isArray(value)) return checkArray ? checkArray(value) : true;
      if (value instanceof Date || Buffer.isBuffer(value)) return true;
      return checkObject ? checkObject(value) : true;
    };
  }

  /** A wrapped union value is `{"<branch name>": value}`. */
  private wrappedUnion(branches: Type[]): DeclaredFieldsCheck | undefined {
    const checks = new Map<string, DeclaredFieldsCheck>();
    for (const branch of branches) {
      const check = this.compile(branch);
      if (check && branch.branchName) checks.set(branch.branchName, check);
    }
    if (checks.size === 0) return undefined;
    return (value) => {
      for (const [branchName, inner] of Object.entries(value as object)) {
        const check = checks.get(branchName);
        if (check && inner !== null && !check(inner)) return false;
      }
      return true;
    };
  }
}

/**
 * `for (k in v) switch (k) { case "a": case "b": continue; default: return false; }`: V8
 * iterates keys from the object's enum cache and compiles the switch to string compares.
 * Avro field names match [A-Za-z_][A-Za-z0-9_]*; JSON.stringify quotes them all the same.
 */
function compileKeySwitch(names: string[]): DeclaredFieldsCheck {
  const cases = names.map((name) => `case ${JSON.stringify(name)}:`).join(' ');
  const body =
    names.length === 0
      ? 'for (const k in v) return false; return true;'
      : `for (const k in v) { switch (k) { ${cases} continue; default: return false; } } return true;`;
  return new Function('v', body) as DeclaredFieldsCheck;
}
