import { AvroSchemaInput } from '../schema/schema-input';
import {
  buildSchemaGraph,
  EnumNode,
  FieldNode,
  FixedNode,
  PrimitiveName,
  RecordNode,
  SchemaNode,
  unqualifiedName,
} from '../schema/schema-graph';
import { Incompatibility, IncompatibilityRule } from './incompatibility';

/**
 * Every reason data written with `writer` cannot be read with `reader`, following the Avro
 * 1.11 spec, "Schema Resolution"; empty when it can. Both schemas are validated first and an
 * invalid one throws AvroSchemaError.
 */
export function readerCanRead(reader: AvroSchemaInput, writer: AvroSchemaInput): Incompatibility[] {
  return new SchemaResolver().check(buildSchemaGraph(reader), buildSchemaGraph(writer), []);
}

/** Avro 1.11 spec, "Schema Resolution": the writer's primitive type may be promoted. */
const PROMOTIONS: Readonly<Record<PrimitiveName, readonly PrimitiveName[]>> = {
  null: [],
  boolean: [],
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  double: [],
  bytes: ['string'],
  string: ['bytes'],
};

type NamedNode = RecordNode | EnumNode | FixedNode;

class SchemaResolver {
  /** Pairs being checked further up the stack: a recursive type meeting itself again. */
  private readonly inProgress = new Map<SchemaNode, Set<SchemaNode>>();

  check(reader: SchemaNode, writer: SchemaNode, path: string[]): Incompatibility[] {
    if (this.isInProgress(reader, writer)) return [];
    this.markInProgress(reader, writer, true);
    try {
      return this.resolve(reader, writer, path);
    } finally {
      this.markInProgress(reader, writer, false);
    }
  }

  private resolve(reader: SchemaNode, writer: SchemaNode, path: string[]): Incompatibility[] {
    if (writer.kind === 'union') return this.writerUnion(reader, writer.branches, path);
    if (reader.kind === 'union') return this.readerUnion(reader.branches, writer, path);
    if (!isSameKind(reader, writer)) return [typeMismatch(reader, writer, path)];
    switch (reader.kind) {
      case 'primitive':
        return this.primitive(reader.type, (writer as typeof reader).type, reader, writer, path);
      case 'array':
        return this.check(reader.items, (writer as typeof reader).items, [...path, 'items']);
      case 'map':
        return this.check(reader.values, (writer as typeof reader).values, [...path, 'values']);
      case 'record':
        return this.record(reader, writer as typeof reader, path);
      case 'enum':
        return this.enumeration(reader, writer as typeof reader, path);
      case 'fixed':
        return this.fixed(reader, writer as typeof reader, path);
    }
  }

  /** Every branch the writer may have written must be readable by the reader. */
  private writerUnion(
    reader: SchemaNode,
    writerBranches: SchemaNode[],
    path: string[],
  ): Incompatibility[] {
    return writerBranches.flatMap((branch, index) => {
      const branchPath = [...path, String(index)];
      if (reader.kind === 'union') return this.readerUnion(reader.branches, branch, branchPath);
      return this.check(reader, branch, branchPath);
    });
  }

  /**
   * A reader union reads a writer type if any branch can. When none can, the reasons of the
   * branch the writer's type was evidently meant for (same kind and name) are more use than
   * "no branch": a record that gained a field without a default, say.
   */
  private readerUnion(
    readerBranches: SchemaNode[],
    writer: SchemaNode,
    path: string[],
  ): Incompatibility[] {
    let closest: Incompatibility[] | undefined;
    for (const branch of readerBranches) {
      const problems = this.check(branch, writer, path);
      if (problems.length === 0) return [];
      if (closest === undefined && isIntendedBranch(branch, writer)) closest = problems;
    }
    if (closest !== undefined) return closest;
    const readerText = `union [${readerBranches.map(describe).join(', ')}]`;
    return [
      incompatibility(
        'MISSING_UNION_BRANCH',
        path,
        `reader ${readerText} has no branch that can read writer type ${describe(writer)}`,
      ),
    ];
  }

  private primitive(
    readerType: PrimitiveName,
    writerType: PrimitiveName,
    reader: SchemaNode,
    writer: SchemaNode,
    path: string[],
  ): Incompatibility[] {
    if (readerType === writerType || PROMOTIONS[writerType].includes(readerType)) return [];
    return [typeMismatch(reader, writer, path)];
  }

  private record(reader: RecordNode, writer: RecordNode, path: string[]): Incompatibility[] {
    const problems = nameProblems(reader, writer, path);
    for (const field of reader.fields) {
      const fieldPath = [...path, 'fields', field.name];
      const written = findWriterField(field, writer);
      if (written) {
        problems.push(...this.check(field.type, written.type, [...fieldPath, 'type']));
      } else if (!field.hasDefault) {
        problems.push(
          incompatibility(
            'READER_FIELD_MISSING_DEFAULT_VALUE',
            fieldPath,
            `reader field '${field.name}' of record '${reader.fullName}' has no default ` +
              `and the writer has no such field${aliasNote(field)}; add a default`,
          ),
        );
      }
    }
    return problems;
  }

  private enumeration(reader: EnumNode, writer: EnumNode, path: string[]): Incompatibility[] {
    const problems = nameProblems(reader, writer, path);
    const missing = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
    if (missing.length > 0 && reader.default === undefined) {
      problems.push(
        incompatibility(
          'MISSING_ENUM_SYMBOLS',
          [...path, 'symbols'],
          `reader enum '${reader.fullName}' lacks writer symbols [${missing.join(', ')}] ` +
            'and has no default symbol to read them as',
        ),
      );
    }
    return problems;
  }

  private fixed(reader: FixedNode, writer: FixedNode, path: string[]): Incompatibility[] {
    const problems = nameProblems(reader, writer, path);
    if (reader.size !== writer.size) {
      problems.push(
        incompatibility(
          'FIXED_SIZE_MISMATCH',
          [...path, 'size'],
          `reader fixed '${reader.fullName}' has size ${reader.size} ` +
            `but the writer's has size ${writer.size}`,
        ),
      );
    }
    return problems;
  }

  private isInProgress(reader: SchemaNode, writer: SchemaNode): boolean {
    return this.inProgress.get(reader)?.has(writer) ?? false;
  }

  private markInProgress(reader: SchemaNode, writer: SchemaNode, active: boolean): void {
    let writers = this.inProgress.get(reader);
    if (!writers) {
      writers = new Set();
      this.inProgress.set(reader, writers);
    }
    if (active) writers.add(writer);
    else writers.delete(writer);
  }
}

function isSameKind(reader: SchemaNode, writer: SchemaNode): boolean {
  return reader.kind === writer.kind;
}

function isIntendedBranch(reader: SchemaNode, writer: SchemaNode): boolean {
  if (reader.kind !== writer.kind) return false;
  if (reader.kind === 'primitive') return false;
  if (isNamed(reader)) return namesMatch(reader, writer as NamedNode);
  return true;
}

function isNamed(node: SchemaNode): node is NamedNode {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed';
}

/**
 * Named types match by full name, by unqualified name (the spec's rule for records), or by
 * one of the reader's aliases.
 */
function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  const writerShort = unqualifiedName(writer.fullName);
  if (reader.fullName === writer.fullName) return true;
  if (unqualifiedName(reader.fullName) === writerShort) return true;
  return reader.aliases.some(
    (alias) => alias === writer.fullName || unqualifiedName(alias) === writerShort,
  );
}

function nameProblems(reader: NamedNode, writer: NamedNode, path: string[]): Incompatibility[] {
  if (namesMatch(reader, writer)) return [];
  return [
    incompatibility(
      'NAME_MISMATCH',
      [...path, 'name'],
      `reader ${reader.kind} '${reader.fullName}' cannot read writer ${writer.kind} ` +
        `'${writer.fullName}': the names differ and no reader alias matches`,
    ),
  ];
}

function findWriterField(field: FieldNode, writer: RecordNode): FieldNode | undefined {
  return (
    writer.fields.find((candidate) => candidate.name === field.name) ??
    writer.fields.find((candidate) => field.aliases.includes(candidate.name))
  );
}

function aliasNote(field: FieldNode): string {
  return field.aliases.length === 0
    ? ''
    : ` (nor a field named by its aliases ${field.aliases.join(', ')})`;
}

function typeMismatch(reader: SchemaNode, writer: SchemaNode, path: string[]): Incompatibility {
  const promotions =
    writer.kind === 'primitive' && PROMOTIONS[writer.type].length > 0
      ? ` (${writer.type} can be read as ${[writer.type, ...PROMOTIONS[writer.type]].join(', ')})`
      : '';
  return incompatibility(
    'TYPE_MISMATCH',
    path,
    `reader type ${describe(reader)} cannot read writer type ${describe(writer)}${promotions}`,
  );
}

function incompatibility(
  rule: IncompatibilityRule,
  segments: string[],
  detail: string,
): Incompatibility {
  const path = '/' + segments.join('/');
  return { path, rule, message: `${rule} at ${path}: ${detail}` };
}

/** A short description of a type, never recursing into named types. */
function describe(node: SchemaNode): string {
  switch (node.kind) {
    case 'primitive':
      return `'${node.type}'`;
    case 'record':
    case 'enum':
      return `${node.kind} '${node.fullName}'`;
    case 'fixed':
      return `fixed '${node.fullName}' (size ${node.size})`;
    case 'array':
      return `array of ${describe(node.items)}`;
    case 'map':
      return `map of ${describe(node.values)}`;
    case 'union':
      return `union [${node.branches.map(describe).join(', ')}]`;
  }
}
