import { AvroSchemaInput } from './schema-input';
import { buildSchemaGraph, SchemaNode } from './schema-graph';

/**
 * The schema's Parsing Canonical Form (Avro 1.11 spec, "Parsing Canonical Form for
 * Schemas"): primitives in their simple form, full names, only the attributes that matter
 * to parsing (name, type, fields, symbols, items, values, size) in that order, a named type
 * spelled out at its first occurrence and referred to by full name after, no whitespace.
 * Two schemas that read and write the same bytes have the same canonical form.
 *
 * Note what it strips: doc, aliases, defaults, logicalType, order. Two schemas differing
 * only in a field default have the same canonical form.
 */
export function canonicalForm(input: AvroSchemaInput): string {
  return new CanonicalWriter().write(buildSchemaGraph(input));
}

class CanonicalWriter {
  private readonly written = new Set<string>();

  write(node: SchemaNode): string {
    switch (node.kind) {
      case 'primitive':
        return quote(node.type);
      case 'array':
        return `{"type":"array","items":${this.write(node.items)}}`;
      case 'map':
        return `{"type":"map","values":${this.write(node.values)}}`;
      case 'union':
        return `[${node.branches.map((branch) => this.write(branch)).join(',')}]`;
      case 'record': {
        if (this.isWritten(node.fullName)) return quote(node.fullName);
        const fields = node.fields.map(
          (field) => `{"name":${quote(field.name)},"type":${this.write(field.type)}}`,
        );
        return `{"name":${quote(node.fullName)},"type":"record","fields":[${fields.join(',')}]}`;
      }
      case 'enum': {
        if (this.isWritten(node.fullName)) return quote(node.fullName);
        const symbols = node.symbols.map(quote).join(',');
        return `{"name":${quote(node.fullName)},"type":"enum","symbols":[${symbols}]}`;
      }
      case 'fixed': {
        if (this.isWritten(node.fullName)) return quote(node.fullName);
        return `{"name":${quote(node.fullName)},"type":"fixed","size":${node.size}}`;
      }
    }
  }

  /** Marks a named type written, answering whether it already was. */
  private isWritten(fullName: string): boolean {
    if (this.written.has(fullName)) return true;
    this.written.add(fullName);
    return false;
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}
