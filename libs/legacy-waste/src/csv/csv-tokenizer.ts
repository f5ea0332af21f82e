/** One CSV row: its cells and the line it starts on (from 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the closing quote or the first of a doubled pair. */
  QuoteInQuoted,
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * An RFC 4180 CSV tokenizer that takes text in chunks of any size and keeps its state between
 * them, so a file is read in bounded memory. Quoted fields may hold delimiters, doubled quotes
 * and line breaks; rows end at LF, CRLF or CR. It is lenient where Excel and legacy exports
 * are: a quote inside an unquoted field is kept as text, and text after a closing quote is
 * appended to the field. Rows are numbered by the physical line they start on, counting the
 * line breaks inside quoted fields, so a rejection names the line an editor shows.
 */
export class CsvTokenizer {
  private state = State.FieldStart;
  /** Text of the current field carried over from earlier chunks. */
  private pending = '';
  private cells: string[] = [];
  private line = 1;
  private rowLine = 1;
  /** The previous chunk ended with CR: a LF starting this one belongs to the same break. */
  private afterCr = false;
  private readonly delimiter: number;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1) throw new RangeError(`delimiter must be one character`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Whether the text so far ends inside a quoted field, and the line it was opened on. */
  get openQuoteLine(): number | undefined {
    return this.state === State.Quoted ? this.rowLine : undefined;
  }

  /** Tokenizes a chunk, appending each completed row to `out`. */
  push(text: string, out: CsvRow[]): void {
    let index = 0;
    if (this.afterCr && text.charCodeAt(0) === LF) index = 1;
    this.afterCr = false;
    let start = index;
    const length = text.length;
    const delimiter = this.delimiter;

    while (index < length) {
      switch (this.state) {
        case State.FieldStart: {
          if (text.charCodeAt(index) === QUOTE) {
            this.state = State.Quoted;
            index += 1;
          } else {
            this.state = State.Unquoted;
          }
          start = index;
          break;
        }
        case State.Unquoted: {
          let code = 0;
          while (index < length) {
            code = text.charCodeAt(index);
            if (code === delimiter || code === LF || code === CR) break;
            index += 1;
          }
          if (index === length) break;
          this.endField(text.slice(start, index));
          index = this.afterSeparator(text, index, code, out);
          start = index;
          break;
        }
        case State.Quoted: {
          const close = text.indexOf('"', index);
          const end = close < 0 ? length : close;
          this.countLines(text, index, end);
          this.pending += text.slice(index, end);
          index = close < 0 ? length : close + 1;
          if (close >= 0) this.state = State.QuoteInQuoted;
          start = index;
          break;
        }
        case State.QuoteInQuoted: {
          const code = text.charCodeAt(index);
          if (code === QUOTE) {
            this.pending += '"';
            this.state = State.Quoted;
            index += 1;
          } else if (code === delimiter || code === LF || code === CR) {
            this.endField('');
            index = this.afterSeparator(text, index, code, out);
          } else {
            this.state = State.Unquoted;
          }
          start = index;
          break;
        }
      }
    }
    if (this.state === State.Unquoted) this.pending += text.slice(start, length);
  }

  /** Ends the input: the last row, if it has no line break after it. */
  end(out: CsvRow[]): void {
    if (this.state === State.FieldStart && this.cells.length === 0) return;
    this.endField('');
    this.endRow(out);
  }

  private endField(tail: string): void {
    this.cells.push(this.pending.length === 0 ? tail : this.pending + tail);
    this.pending = '';
    this.state = State.FieldStart;
  }

  /** Moves past a delimiter or line break; returns the index after it. */
  private afterSeparator(text: string, index: number, code: number, out: CsvRow[]): number {
    if (code === this.delimiter) return index + 1;
    this.endRow(out);
    this.line += 1;
    this.rowLine = this.line;
    if (code === CR) {
      if (index + 1 === text.length) this.afterCr = true;
      else if (text.charCodeAt(index + 1) === LF) return index + 2;
    }
    return index + 1;
  }

  private endRow(out: CsvRow[]): void {
    out.push({ line: this.rowLine, cells: this.cells });
    this.cells = [];
  }

  private countLines(text: string, from: number, to: number): void {
    let at = text.indexOf('\n', from);
    while (at >= 0 && at < to) {
      this.line += 1;
      at = text.indexOf('\n', at + 1);
    }
  }
}
