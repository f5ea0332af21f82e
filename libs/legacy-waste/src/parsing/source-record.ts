/** One record of a source file: its values in the order of the file's columns. */
export interface SourceRecord {
  /** Line of the file the record starts on, from 1. */
  line: number;
  /** Values as text, untrimmed; undefined where the record has no such field. */
  values: ReadonlyArray<string | undefined>;
}

/** A record the parser could not read as a record (a stray quote, a short line). */
export interface SourceProblem {
  line: number;
  /** The source field concerned, or `(record)` when the record as a whole is wrong. */
  field: string;
  value: string;
  reason: string;
  /** The fields that could be read, kept so that the record can be corrected. */
  record?: Record<string, string>;
}

/** What a parser yields as it reads: a slice of the file's records and problems. */
export interface ParsedChunk {
  /** The file's field names: CSV header cells, layout fields or XML paths. */
  columns: readonly string[];
  records: SourceRecord[];
  problems: SourceProblem[];
}

/**
 * Reads one file's bytes as records, in bounded memory. Throws LegacyWasteError
 * `FILE_UNREADABLE` when the file as a whole cannot be read (wrong encoding, no header,
 * broken XML); anything wrong with a single record is a SourceProblem instead.
 */
export interface SourceParser {
  parse(input: AsyncIterable<Buffer>, file: string): AsyncGenerator<ParsedChunk>;
}

/** The field name a record-level problem is reported against. */
export const WHOLE_RECORD = '(record)';
