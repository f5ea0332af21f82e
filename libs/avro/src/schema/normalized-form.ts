import { typeForSchemaJson } from './parse-avro-schema';
import { AvroSchemaInput, readSchemaJson } from './schema-input';

/**
 * A schema's identity for a registry: the Parsing Canonical Form's layout (full names,
 * primitives in simple form, attributes in a fixed order, named types spelled out once, no
 * whitespace) but keeping every attribute the canonical form strips: defaults, logical types
 * and their parameters, aliases, order, doc and custom properties. Only the `namespace`
 * attribute goes, folded into full names.
 *
 * Use this, not canonicalForm, to decide whether two schemas are the same registered
 * schema: a field gaining a default, or a long becoming a timestamp-millis, changes how
 * data is resolved or decoded while leaving the canonical form the same.
 */
export function normalizedForm(input: AvroSchemaInput): string {
  const json = readSchemaJson(input);
  typeForSchemaJson(json);
  return new NormalizedWriter().write(json, '');
}

type Json = Record<string, unknown>;

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

/** Parsing Canonical Form's order for the attributes it keeps; the rest follow, sorted. */
const LEADING_KEYS = ['name', 'type', 'fields', 'symbols', 'items', 'values', 'size'];

class NormalizedWriter {
  private readonly defined = new Set<string>();

  write(schema: unknown, namespace: string): string {
    if (typeof schema === 'string') return quote(this.reference(schema, namespace));
    if (Array.isArray(schema)) {
      return `[${schema.map((branch) => this.write(branch, namespace)).join(',')}]`;
    }
    const json = schema as Json;
    if (typeof json.type !== 'string') return this.write(json.type, namespace);
    switch (json.type) {
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return this.named(json, namespace);
      case 'array':
        return this.object(json, { items: this.write(json.items, namespace) });
      case 'map':
        return this.object(json, { values: this.write(json.values, namespace) });
      default:
        return this.primitive(json, namespace);
    }
  }

  private primitive(json: Json, namespace: string): string {
    const hasOnlyType = Object.keys(json).length === 1;
    if (!PRIMITIVES.has(json.type as string)) return this.write(json.type, namespace);
    return hasOnlyType ? quote(json.type as string) : this.object(json, {});
  }

  private named(json: Json, enclosing: string): string {
    const name = json.name as string;
    const namespace = name.includes('.')
      ? name.slice(0, name.lastIndexOf('.'))
      : typeof json.namespace === 'string'
        ? json.namespace
        : enclosing;
    const fullName = qualify(name, namespace);
    this.defined.add(fullName);
    const written: Record<string, string> = { name: quote(fullName) };
    if (Array.isArray(json.aliases)) {
      written.aliases = stable(json.aliases.map((alias: string) => qualify(alias, namespace)));
    }
    if (Array.isArray(json.fields)) {
      const fields = (json.fields as Json[]).map((field) =>
        this.object(field, { type: this.write(field.type, namespace) }),
      );
      written.fields = `[${fields.join(',')}]`;
    }
    return this.object(json, written, ['namespace']);
  }

  private reference(name: string, namespace: string): string {
    if (PRIMITIVES.has(name)) return name;
    const qualified = qualify(name, namespace);
    return this.defined.has(qualified) || !this.defined.has(name) ? qualified : name;
  }

  /** An object with `written` values already serialised and every other attribute as JSON. */
  private object(json: Json, written: Record<string, string>, dropped: string[] = []): string {
    const keys = Object.keys(json).filter((key) => !dropped.includes(key));
    for (const key of Object.keys(written)) if (!keys.includes(key)) keys.push(key);
    keys.sort(compareKeys);
    const parts = keys.map((key) => `${quote(key)}:${written[key] ?? stable(json[key])}`);
    return `{${parts.join(',')}}`;
  }
}

function compareKeys(a: string, b: string): number {
  const rankA = LEADING_KEYS.indexOf(a);
  const rankB = LEADING_KEYS.indexOf(b);
  if (rankA !== -1 || rankB !== -1) {
    return (rankA === -1 ? Infinity : rankA) - (rankB === -1 ? Infinity : rankB);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

/** JSON with object keys sorted, so that a default's key order does not change identity. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${quote(key)}:${stable((value as Json)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
