import { CsvFeed } from '../council/council-config.types';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { exampleBytes, parseAll } from '../testing/legacy-fixtures';
import { CsvRecordParser } from './csv-record.parser';

function feed(overrides: Partial<CsvFeed> = {}): CsvFeed {
  return {
    name: 'test',
    format: 'csv',
    encoding: 'auto',
    delimiter: ',',
    maxPreambleRows: 5,
    mapping: { sourceSystem: 'test', events: [] },
    ...overrides,
  };
}

const parse = (text: string | Buffer, required = ['UPRN', 'Event Date'], options = {}) =>
  parseAll(new CsvRecordParser(feed(options), required), Buffer.from(text));

describe(CsvRecordParser.name, () => {
  it('finds the header after preamble lines, matching names case and space insensitively', async () => {
    const parsed = await parse('Round export\nRun: today,,\n\n  uprn ,EVENT  DATE,Note\n1,2,3\n');
    expect(parsed.columns).toEqual(['uprn', 'EVENT  DATE', 'Note']);
    expect(parsed.records).toEqual([{ line: 5, values: ['1', '2', '3'] }]);
  });

  it('refuses a file without the header in its first rows, naming the columns', async () => {
    const failure = await parse('a,b\n1,2\n3,4\n4,5\n5,6\n6,7\n7,8\n').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LegacyWasteError);
    expect((failure as LegacyWasteError).code).toBe('FILE_UNREADABLE');
    expect((failure as Error).message).toContain('no header row in the first 6 rows');
    expect((failure as Error).message).toContain('"uprn", "event date"');
  });

  it('refuses an empty file as having no header', async () => {
    await expect(parse('')).rejects.toThrow(/no header row/);
  });

  it('reports a short row as a problem with what it could read, and keeps the others', async () => {
    const parsed = await parse('UPRN,Event Date,Note\n1,2,3\n4,5\n6,7,8\n');
    expect(parsed.records.map((record) => record.line)).toEqual([2, 4]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 3,
        field: '(record)',
        value: '4,5',
        reason: expect.stringContaining('expected 3 fields as in the header, found 2'),
        record: { UPRN: '4', 'Event Date': '5', Note: '' },
      }),
    ]);
  });

  it('accepts trailing empty cells and skips blank rows', async () => {
    const parsed = await parse('UPRN,Event Date\n1,2,,\n\n,\n3,4\n');
    expect(parsed.records.map((record) => record.values.slice(0, 2))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('reports a quote left open at the end of the file on the line it opened', async () => {
    const parsed = await parse('UPRN,Event Date\n1,2\n3,"never\nclosed\n');
    expect(parsed.records).toHaveLength(1);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringContaining('never closed') }),
    ]);
  });

  it.each([
    ['UTF-8', 'adur-round-events-2026-11-02.csv'],
    ['Windows-1252', 'adur-round-events-2026-11-02.windows-1252.csv'],
  ])('reads the %s round export the same way, in any chunk size', async (_encoding, name) => {
    const bytes = exampleBytes(name);
    const whole = await parseAll(new CsvRecordParser(feed(), ['UPRN']), bytes);
    const small = await parseAll(new CsvRecordParser(feed(), ['UPRN']), bytes, 7);
    expect(small).toEqual(whole);
    expect(whole.records).toHaveLength(29);
    const notes = whole.records.map((record) => record.values[17]);
    expect(notes).toContain(
      'Side waste: 4 bags, one split.\nResident asked for \u2018extra capacity\u2019 form, \u00a30 charge',
    );
    expect(notes).toContain(
      'Resident says \u201cbin was out by 7\u201d \u2013 crew disagree, \u00a35 bulky charge mentioned',
    );
    expect(whole.records.map((record) => record.line).slice(12, 15)).toEqual([17, 19, 20]);
  });
});
