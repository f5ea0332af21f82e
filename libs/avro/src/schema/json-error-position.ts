/**
 * Finds where JSON text stops being valid. V8 names the position for some syntax errors and
 * not for others ("Unexpected token '}', ... is not valid JSON"), so a schema author would
 * be left counting characters; this scanner is only run after JSON.parse has failed.
 */
export interface JsonErrorPosition {
  offset: number;
  line: number;
  column: number;
}

export function findJsonErrorPosition(text: string): JsonErrorPosition {
  const offset = new JsonScanner(text).firstErrorOffset();
  return { offset, ...lineAndColumn(text, offset) };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

class ScanError extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

class JsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  firstErrorOffset(): number {
    try {
      this.value();
      this.whitespace();
      if (this.pos < this.text.length) throw new ScanError(this.pos);
      return this.text.length;
    } catch (err) {
      if (err instanceof ScanError) return err.offset;
      throw err;
    }
  }

  private value(): void {
    this.whitespace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    throw new ScanError(this.pos);
  }

  private object(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] !== '"') throw new ScanError(this.pos);
      this.string();
      this.whitespace();
      this.expect(':');
      this.value();
      this.whitespace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return;
      }
      this.expect(',');
    }
  }

  private array(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.whitespace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch < ' ') throw new ScanError(this.pos);
      if (ch === '\\') this.escape();
      else this.pos++;
    }
    throw new ScanError(this.pos);
  }

  private escape(): void {
    const next = this.text[this.pos + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
      this.pos += 6;
    } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
      this.pos += 2;
    } else {
      throw new ScanError(this.pos);
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) throw new ScanError(this.pos);
    this.pos += match[0].length;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new ScanError(this.pos);
    this.pos++;
  }

  private whitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }
}
