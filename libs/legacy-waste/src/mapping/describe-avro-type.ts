import { Type, types } from 'avsc';

/** What an Avro type accepts, in words for a rejection reason: `one of REFUSE, GARDEN`. */
export function describeAvroType(type: Type): string {
  if (type instanceof types.EnumType) return `one of ${type.symbols.join(', ')}`;
  if (type instanceof types.UnwrappedUnionType) {
    const branches = type.types.filter((branch) => branch.typeName !== 'null');
    return branches.length === 1 ? `${describeAvroType(branches[0])} or nothing` : 'a value';
  }
  const logical = (type as { typeName?: string }).typeName ?? '';
  switch (logical) {
    case 'logical:timestamp-millis':
      return 'a date and time';
    case 'logical:date':
      return 'a date';
    case 'logical:uuid':
      return 'a UUID';
    case 'string':
      return 'text';
    case 'int':
    case 'long':
      return 'a whole number';
    case 'float':
    case 'double':
      return 'a number';
    case 'boolean':
      return 'yes or no';
    case 'record':
      return 'a complete record';
    default:
      return logical.length > 0 ? logical : 'a value of the contract type';
  }
}
