import { FixedWidthFeed, LayoutField, TrimMode } from '../council/council-config.types';
import { compileDatePattern, describeDatePattern } from '../mapping/date-pattern';
import { ParsedChunk, SourceParser, SourceProblem, SourceRecord } from '../parsing/source-record';
import { SourceDecoder } from '../text/source-decoder';

/** A layout field compiled for slicing: 0-based start, and a check for its declared type. */
interface FieldCut {
  name: string;
  from: number;
  to: number;
  trim: (text: string) => string;
  /** Why the value does not have the field's declared type, or undefined when it does. */
  check: (text: string) => string | undefined;
}

const TRIMS: Record<TrimMode, (text: string) => string> = {
  both: (text) => text.trim(),
  left: (text) => text.trimStart(),
  right: (text) => text.trimEnd(),
  none: (text) => text,
};
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Reads a fixed-width export by its layout: each line is a record, each field the characters
 * from `start` (counted from 1) for `length`. Lines shorter than the layout are padded with
 * spaces, as exports often strip trailing blanks. Typed fields are checked here, naming the
 * columns of a bad value; values stay in their source form, which the mapping converts (and
 * in which a rejected record is corrected).
 */
export class FixedWidthRecordParser implements SourceParser {
  private readonly cuts: FieldCut[];
  private readonly columns: string[];

  constructor(private readonly feed: FixedWidthFeed) {
    this.cuts = feed.layout.fields.map(compileCut);
    this.columns = this.cuts.map((cut) => cut.name);
  }

  async *parse(input: AsyncIterable<Buffer>, file: string): AsyncGenerator<ParsedChunk> {
    const decoder = new SourceDecoder(this.feed.encoding, file);
    let carry = '';
    let line = 0;
    for await (const bytes of input) {
      const text = carry + decoder.write(bytes);
      const lastBreak = text.lastIndexOf('\n');
      carry = text.slice(lastBreak + 1);
      if (lastBreak < 0) continue;
      const lines = text.slice(0, lastBreak).split('\n');
      yield this.chunkOf(lines, line);
      line += lines.length;
    }
    const rest = carry + decoder.end();
    yield this.chunkOf(rest.length > 0 ? [rest] : [], line);
  }

  private chunkOf(lines: string[], linesBefore: number): ParsedChunk {
    const records: SourceRecord[] = [];
    const problems: SourceProblem[] = [];
    const skip = this.feed.layout.skipLines ?? 0;
    const ignored = this.feed.layout.ignorePrefixes ?? [];
    lines.forEach((raw, index) => {
      const line = linesBefore + index + 1;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line <= skip || text.trim().length === 0) return;
      if (ignored.some((prefix) => text.startsWith(prefix))) return;
      this.readLine(text, line, records, problems);
    });
    return { columns: this.columns, records, problems };
  }

  private readLine(
    text: string,
    line: number,
    records: SourceRecord[],
    problems: SourceProblem[],
  ): void {
    const values: string[] = [];
    let problem: SourceProblem | undefined;
    for (const cut of this.cuts) {
      const value = cut.trim(text.slice(cut.from, cut.to));
      const reason = value.length === 0 ? undefined : cut.check(value);
      if (reason !== undefined) problem ??= { line, field: cut.name, value, reason };
      values.push(value);
    }
    if (problem === undefined) {
      records.push({ line, values });
      return;
    }
    problem.record = Object.fromEntries(this.columns.map((name, index) => [name, values[index]]));
    problems.push(problem);
  }
}

function compileCut(field: LayoutField): FieldCut {
  return {
    name: field.name,
    from: field.start - 1,
    to: field.start - 1 + field.length,
    trim: TRIMS[field.trim ?? 'both'],
    check: checkOf(field),
  };
}

function checkOf(field: LayoutField): FieldCut['check'] {
  const at = `(columns ${field.start}-${field.start + field.length - 1})`;
  switch (field.type ?? 'text') {
    case 'text':
      return () => undefined;
    case 'integer':
      return (value) => (INTEGER.test(value) ? undefined : `expected a whole number ${at}`);
    case 'decimal':
      return (value) => (DECIMAL.test(value) ? undefined : `expected a number ${at}`);
    case 'date':
    case 'datetime': {
      const pattern = field.dateFormat ?? 'iso';
      const read = compileDatePattern(pattern);
      const reason = `expected ${describeDatePattern(pattern)} ${at}`;
      return (value) => (read(value) === undefined ? reason : undefined);
    }
  }
}
