import { CsvRow, CsvTokenizer } from './csv-tokenizer';

function tokenize(text: string, chunkSize = text.length || 1, delimiter = ','): CsvRow[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const rows: CsvRow[] = [];
  for (let at = 0; at < text.length; at += chunkSize) {
    tokenizer.push(text.slice(at, at + chunkSize), rows);
  }
  tokenizer.end(rows);
  return rows;
}

const cells = (rows: CsvRow[]) => rows.map((row) => row.cells);

describe(CsvTokenizer.name, () => {
  it.each([
    ['plain fields', 'a,b,c\n', [['a', 'b', 'c']]],
    ['a quoted delimiter', '"Ferry Road, Shoreham",2\n', [['Ferry Road, Shoreham', '2']]],
    ['doubled quotes', '"say ""hello""",x\n', [['say "hello"', 'x']]],
    ['a line break in quotes', '"two\nlines",x\n', [['two\nlines', 'x']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['an empty quoted field', '"",a\n', [['', 'a']]],
    [
      'CRLF line ends',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'bare CR line ends',
      'a,b\rc,d\r',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'no line break at the end',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a trailing delimiter at the end', 'a,', [['a', '']]],
    ['a quote inside an unquoted field, kept', 'O"Brien,x\n', [['O"Brien', 'x']]],
    ['text after a closing quote, appended', '"12"b,x\n', [['12b', 'x']]],
    ['a blank line', 'a\n\nb\n', [['a'], [''], ['b']]],
  ])('reads %s', (_case, text, expected) => {
    expect(cells(tokenize(text))).toEqual(expected);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    const text = 'id,note\r\n1,"a, ""b""\r\nc"\r\n2,plain\r\n3,"x"\r\n';
    const whole = tokenize(text);
    for (let size = 1; size <= text.length; size += 1) {
      expect(tokenize(text, size)).toEqual(whole);
    }
    expect(cells(whole)).toEqual([
      ['id', 'note'],
      ['1', 'a, "b"\r\nc'],
      ['2', 'plain'],
      ['3', 'x'],
    ]);
  });

  it('numbers each row by the line it starts on, counting breaks inside quotes', () => {
    const rows = tokenize('h1,h2\n1,"multi\nline\nnote"\n2,x\r\n3,y\n');
    expect(rows.map((row) => row.line)).toEqual([1, 2, 5, 6]);
  });

  it('does not split a CRLF that falls across two chunks into two rows', () => {
    const tokenizer = new CsvTokenizer();
    const rows: CsvRow[] = [];
    tokenizer.push('a,b\r', rows);
    tokenizer.push('\nc,d\r\n', rows);
    tokenizer.end(rows);
    expect(cells(rows)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
  });

  it('reads another delimiter', () => {
    expect(cells(tokenize('a;"b;c"\n', undefined, ';'))).toEqual([['a', 'b;c']]);
  });

  it('reports the line of a quote that is never closed', () => {
    const tokenizer = new CsvTokenizer();
    const rows: CsvRow[] = [];
    tokenizer.push('a,b\n2,"open\nnever closed', rows);
    expect(tokenizer.openQuoteLine).toBe(2);
    expect(rows).toHaveLength(1);
  });

  it('refuses a delimiter of more than one character', () => {
    expect(() => new CsvTokenizer('||')).toThrow(RangeError);
  });
});
