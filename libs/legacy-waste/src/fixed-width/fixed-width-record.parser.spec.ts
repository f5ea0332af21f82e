import { FixedWidthFeed, FixedWidthLayout } from '../council/council-config.types';
import { adurRegistry, exampleBytes, parseAll } from '../testing/legacy-fixtures';
import { FixedWidthRecordParser } from './fixed-width-record.parser';

const LAYOUT: FixedWidthLayout = {
  skipLines: 1,
  ignorePrefixes: ['TRL'],
  fields: [
    { name: 'Id', start: 1, length: 4, type: 'integer' },
    { name: 'Day', start: 5, length: 8, type: 'date', dateFormat: 'yyyyMMdd' },
    { name: 'Name', start: 13, length: 6, trim: 'right' },
  ],
};

function parser(layout = LAYOUT): FixedWidthRecordParser {
  const feed: FixedWidthFeed = {
    name: 'test',
    format: 'fixed-width',
    encoding: 'auto',
    layout,
    mapping: { sourceSystem: 'test', events: [] },
  };
  return new FixedWidthRecordParser(feed);
}

describe(FixedWidthRecordParser.name, () => {
  it('cuts each line into the layout fields, skipping header, trailer and blank lines', async () => {
    const text = 'HEADER\r\n000120261102  Ann \r\n\r\n0002202611030Bob\r\nTRL2\r\n';
    const parsed = await parseAll(parser(), Buffer.from(text), 5);
    expect(parsed.columns).toEqual(['Id', 'Day', 'Name']);
    expect(parsed.records).toEqual([
      { line: 2, values: ['0001', '20261102', '  Ann'] },
      { line: 4, values: ['0002', '20261103', '0Bob'] },
    ]);
  });

  it('pads a line shorter than the layout with spaces', async () => {
    const parsed = await parseAll(parser(), Buffer.from('H\n000320261104\n'));
    expect(parsed.records).toEqual([{ line: 2, values: ['0003', '20261104', ''] }]);
  });

  it.each([
    [
      'a number that is not whole',
      'H\n00x120261102Ann\n',
      'Id',
      '00x1',
      'expected a whole number (columns 1-4)',
    ],
    [
      'an impossible date',
      'H\n000120261131Ann\n',
      'Day',
      '20261131',
      'expected a date in the form yyyyMMdd, e.g. 20261231 (columns 5-12)',
    ],
  ])(
    'reports %s naming the field, value and columns',
    async (_case, text, field, value, reason) => {
      const parsed = await parseAll(parser(), Buffer.from(text));
      expect(parsed.records).toEqual([]);
      expect(parsed.problems).toEqual([expect.objectContaining({ line: 2, field, value, reason })]);
      expect(parsed.problems[0].record).toMatchObject({ Name: 'Ann' });
    },
  );

  it('reads the Adur in-cab export with its layout file, in Windows-1252', async () => {
    const feed = adurRegistry().council('adur').feeds.get('in-cab-fixed')!;
    const parsed = await parseAll(
      new FixedWidthRecordParser(feed as FixedWidthFeed),
      exampleBytes('adur-in-cab-2026-11-02.txt'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toHaveLength(6);
    expect(parsed.records[0].values.slice(0, 7)).toEqual([
      'EV',
      '0005502101',
      '20261102065812',
      '100061915100',
      '31700412',
      'REF-MON-3',
      'BNO',
    ]);
    expect(parsed.records[5].values[9]).toBe('Caf\u00e9 bin not presented');
  });
});
