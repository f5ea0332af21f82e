import { CsvFeed } from '../council/council-config.types';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import {
  ParsedChunk,
  SourceParser,
  SourceProblem,
  SourceRecord,
  WHOLE_RECORD,
} from '../parsing/source-record';
import { SourceDecoder } from '../text/source-decoder';
import { columnIndex, normaliseColumnName } from './column-name';
import { CsvRow, CsvTokenizer } from './csv-tokenizer';

/**
 * Reads a CSV export as records: decodes it, tokenizes it, finds the header row among the
 * first rows (exports often start with a report title and run date), and then checks each
 * row against the header. A row with fewer cells than the header is a problem, not a record;
 * extra cells that are empty (trailing commas) are ignored; blank rows are skipped.
 */
export class CsvRecordParser implements SourceParser {
  constructor(
    private readonly feed: CsvFeed,
    /** Columns the mapping needs; the header row is the first row holding all of them. */
    private readonly requiredColumns: readonly string[],
  ) {}

  async *parse(input: AsyncIterable<Buffer>, file: string): AsyncGenerator<ParsedChunk> {
    const decoder = new SourceDecoder(this.feed.encoding, file);
    const tokenizer = new CsvTokenizer(this.feed.delimiter);
    const header = new HeaderSearch(this.requiredColumns, this.feed.maxPreambleRows, file);
    const rows: CsvRow[] = [];

    for await (const bytes of input) {
      tokenizer.push(decoder.write(bytes), rows);
      const chunk = this.chunkOf(rows, header);
      rows.length = 0;
      if (chunk !== undefined) yield chunk;
    }
    tokenizer.push(decoder.end(), rows);
    const openQuote = tokenizer.openQuoteLine;
    tokenizer.end(rows);
    const unterminated = openQuote === undefined ? undefined : rows.pop();

    const last = this.chunkOf(rows, header) ?? header.emptyChunk();
    if (unterminated !== undefined) last.problems.push(unclosedQuote(unterminated, header));
    yield last;
  }

  private chunkOf(rows: CsvRow[], header: HeaderSearch): ParsedChunk | undefined {
    let body = rows;
    if (header.columns === undefined) {
      const at = header.find(rows);
      if (at < 0) return undefined;
      body = rows.slice(at + 1);
    }
    const columns = header.columns!;
    const records: SourceRecord[] = [];
    const problems: SourceProblem[] = [];
    const width = columns.length;
    for (const row of body) {
      const { cells } = row;
      if (isBlank(cells)) continue;
      if (cells.length === width || (cells.length > width && isBlank(cells.slice(width)))) {
        records.push({ line: row.line, values: cells });
      } else {
        problems.push(wrongWidth(row, columns));
      }
    }
    return { columns, records, problems };
  }
}

/** Looks for the header row in the first rows, keeping them until it is found. */
class HeaderSearch {
  columns: readonly string[] | undefined;
  private rowsSeen = 0;
  private readonly required: string[];

  constructor(
    required: readonly string[],
    private readonly maxPreambleRows: number,
    private readonly file: string,
  ) {
    this.required = required.map(normaliseColumnName);
  }

  /** Index in `rows` of the header row, or -1 while it has not been seen yet. */
  find(rows: CsvRow[]): number {
    for (let index = 0; index < rows.length; index += 1) {
      this.rowsSeen += 1;
      if (this.isHeader(rows[index].cells)) {
        this.columns = rows[index].cells.map((cell) => cell.trim());
        return index;
      }
      if (this.rowsSeen > this.maxPreambleRows) throw this.noHeader();
    }
    return -1;
  }

  emptyChunk(): ParsedChunk {
    if (this.columns === undefined) throw this.noHeader();
    return { columns: this.columns, records: [], problems: [] };
  }

  private isHeader(cells: string[]): boolean {
    const index = columnIndex(cells);
    return this.required.every((name) => index.has(name));
  }

  private noHeader(): LegacyWasteError {
    return new LegacyWasteError(
      'FILE_UNREADABLE',
      `${this.file}: no header row in the first ${this.maxPreambleRows + 1} rows: expected a ` +
        `row naming the columns ${this.required.map((name) => JSON.stringify(name)).join(', ')}`,
      { file: this.file },
    );
  }
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim().length === 0);
}

function recordOf(cells: readonly string[], columns: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  columns.forEach((column, index) => (record[column] = cells[index] ?? ''));
  return record;
}

function wrongWidth(row: CsvRow, columns: readonly string[]): SourceProblem {
  return {
    line: row.line,
    field: WHOLE_RECORD,
    value: row.cells.join(','),
    reason:
      `expected ${columns.length} fields as in the header, found ${row.cells.length}: ` +
      'a missing or extra delimiter, or a line break in a field that is not quoted',
    record: recordOf(row.cells, columns),
  };
}

function unclosedQuote(row: CsvRow, header: HeaderSearch): SourceProblem {
  return {
    line: row.line,
    field: WHOLE_RECORD,
    value: row.cells.join(','),
    reason: 'a quoted field opened in this record is never closed: expected a closing quote (")',
    record: header.columns === undefined ? undefined : recordOf(row.cells, header.columns),
  };
}
