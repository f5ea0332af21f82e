import { typeForSchemaJson } from './parse-avro-schema';
import { AvroSchemaInput, readSchemaJson } from './schema-input';

/**
 * A schema as a graph of nodes with every name resolved to its full name, and every
 * reference to a named type pointing at the one node that defines it (so recursive types
 * are cycles). Logical types are dropped: resolution and canonical form both work on the
 * underlying type. Schema compatibility and canonical form are computed over this graph
 * rather than over avsc Types so that they follow the spec, not one library's reading of it.
 */
export type SchemaNode =
  PrimitiveNode | RecordNode | EnumNode | FixedNode | ArrayNode | MapNode | UnionNode;

export type PrimitiveName =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface PrimitiveNode {
  kind: 'primitive';
  type: PrimitiveName;
}

interface NamedNode {
  /** Full name, `namespace.name`, or just `name` in the null namespace. */
  fullName: string;
  /** Full names of the aliases. */
  aliases: string[];
}

export interface RecordNode extends NamedNode {
  kind: 'record';
  fields: FieldNode[];
}

export interface FieldNode {
  name: string;
  aliases: string[];
  type: SchemaNode;
  hasDefault: boolean;
}

export interface EnumNode extends NamedNode {
  kind: 'enum';
  symbols: string[];
  default: string | undefined;
}

export interface FixedNode extends NamedNode {
  kind: 'fixed';
  size: number;
}

export interface ArrayNode {
  kind: 'array';
  items: SchemaNode;
}

export interface MapNode {
  kind: 'map';
  values: SchemaNode;
}

export interface UnionNode {
  kind: 'union';
  branches: SchemaNode[];
}

const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

/** Parses and validates a schema (throwing AvroSchemaError) and returns its graph. */
export function buildSchemaGraph(input: AvroSchemaInput): SchemaNode {
  const json = readSchemaJson(input);
  typeForSchemaJson(json);
  return new GraphBuilder().node(json, '');
}

export function unqualifiedName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

type Json = Record<string, unknown>;

class GraphBuilder {
  private readonly named = new Map<string, RecordNode | EnumNode | FixedNode>();

  node(schema: unknown, namespace: string): SchemaNode {
    if (typeof schema === 'string') return this.reference(schema, namespace);
    if (Array.isArray(schema)) {
      return { kind: 'union', branches: schema.map((branch) => this.node(branch, namespace)) };
    }
    const json = schema as Json;
    const type = json.type;
    if (typeof type !== 'string') return this.node(type, namespace);
    switch (type) {
      case 'record':
      case 'error':
        return this.record(json, namespace);
      case 'enum':
        return this.enumeration(json, namespace);
      case 'fixed':
        return this.fixed(json, namespace);
      case 'array':
        return { kind: 'array', items: this.node(json.items, namespace) };
      case 'map':
        return { kind: 'map', values: this.node(json.values, namespace) };
      default:
        return this.reference(type, namespace);
    }
  }

  private reference(name: string, namespace: string): SchemaNode {
    if (PRIMITIVES.has(name)) return { kind: 'primitive', type: name as PrimitiveName };
    const found = this.named.get(qualify(name, namespace)) ?? this.named.get(name);
    if (!found) throw new Error(`undefined type name: ${name}`);
    return found;
  }

  private record(json: Json, enclosing: string): RecordNode {
    const { fullName, namespace } = fullNameOf(json, enclosing);
    const node: RecordNode = {
      kind: 'record',
      fullName,
      aliases: aliasesOf(json, namespace),
      fields: [],
    };
    this.named.set(fullName, node);
    for (const field of json.fields as Json[]) {
      node.fields.push({
        name: field.name as string,
        aliases: Array.isArray(field.aliases) ? (field.aliases as string[]) : [],
        type: this.node(field.type, namespace),
        hasDefault: 'default' in field,
      });
    }
    return node;
  }

  private enumeration(json: Json, enclosing: string): EnumNode {
    const { fullName, namespace } = fullNameOf(json, enclosing);
    const node: EnumNode = {
      kind: 'enum',
      fullName,
      aliases: aliasesOf(json, namespace),
      symbols: json.symbols as string[],
      default: typeof json.default === 'string' ? json.default : undefined,
    };
    this.named.set(fullName, node);
    return node;
  }

  private fixed(json: Json, enclosing: string): FixedNode {
    const { fullName, namespace } = fullNameOf(json, enclosing);
    const node: FixedNode = {
      kind: 'fixed',
      fullName,
      aliases: aliasesOf(json, namespace),
      size: Number(json.size),
    };
    this.named.set(fullName, node);
    return node;
  }
}

/**
 * Avro 1.11 spec, "Names": a name with a dot is a full name; otherwise the namespace is the
 * `namespace` attribute if present (an empty string meaning the null namespace), else the
 * namespace of the enclosing named type.
 */
function fullNameOf(json: Json, enclosing: string): { fullName: string; namespace: string } {
  const name = json.name as string;
  if (name.includes('.')) {
    return { fullName: name, namespace: name.slice(0, name.lastIndexOf('.')) };
  }
  const namespace = typeof json.namespace === 'string' ? json.namespace : enclosing;
  return { fullName: qualify(name, namespace), namespace };
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

/** Aliases may be full names or relative to the namespace of the name they alias. */
function aliasesOf(json: Json, namespace: string): string[] {
  const aliases = Array.isArray(json.aliases) ? (json.aliases as string[]) : [];
  return aliases.map((alias) => qualify(alias, namespace));
}
