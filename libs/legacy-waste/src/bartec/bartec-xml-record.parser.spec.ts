import { BartecXmlFeed } from '../council/council-config.types';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { exampleBytes, parseAll } from '../testing/legacy-fixtures';
import { BartecXmlRecordParser } from './bartec-xml-record.parser';

const COLUMNS = [
  'ServiceCode',
  'ServiceType.Description',
  'DateClosed',
  'DueDate',
  'extendedData[FieldName=REG].FieldValue',
  'ServiceRequest_Location.Metric.Latitude',
];

function parser(maxBytes = 1_000_000, columns = COLUMNS): BartecXmlRecordParser {
  const feed: BartecXmlFeed = {
    name: 'bartec',
    format: 'bartec-xml',
    encoding: 'auto',
    recordElement: 'ServiceRequest',
    maxBytes,
    mapping: { sourceSystem: 'test', events: [] },
  };
  return new BartecXmlRecordParser(feed, columns);
}

const envelope = (body: string) =>
  `<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe(BartecXmlRecordParser.name, () => {
  it('reads a single result, which Bartec sends as an object, as one record', async () => {
    const parsed = await parseAll(parser(), exampleBytes('bartec-service-requests-single.xml'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      {
        line: 12,
        values: ['SR00778120', 'Abandoned Vehicle', undefined, undefined, 'AB12 CDE', '50.82716'],
      },
    ]);
  });

  it('reads several results, taking year-1900 dates as absent', async () => {
    const parsed = await parseAll(
      parser(),
      exampleBytes('bartec-service-requests-several.xml'),
      100,
    );
    expect(parsed.records.map((record) => record.values[0])).toEqual([
      'SR00778101',
      'SR00778102',
      'SR00778103',
      'SR00778104',
      'SR00778105',
      'SR00778106',
    ]);
    expect(parsed.records.map((record) => record.values[2])).toEqual(Array(6).fill(undefined));
    expect(parsed.records.map((record) => record.values[3])).toEqual([
      '2026-11-02T00:00:00',
      undefined,
      '2026-11-02T00:00:00',
      undefined,
      undefined,
      '2026-11-02T00:00:00',
    ]);
    expect(parsed.records[3].values[4]).toBe('ER19NFD');
    expect(new Set(parsed.records.map((record) => record.line)).size).toBe(6);
  });

  it('turns an Errors.Error answer into a problem naming it, and delivers no records', async () => {
    const parsed = await parseAll(parser(), exampleBytes('bartec-service-requests-errors.xml'));
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toEqual([
      {
        line: 6,
        field: 'Errors.Error',
        value: 'Result -1',
        reason: 'Bartec answered with an error: Invalid Token',
      },
    ]);
  });

  it('turns a SOAP Fault into a problem with its reason', async () => {
    const xml = envelope(
      '<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">Server was unable to process request</soap:Text></soap:Reason></soap:Fault>',
    );
    const parsed = await parseAll(parser(), Buffer.from(xml));
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'Fault', reason: 'Server was unable to process request' }),
    ]);
  });

  it.each([
    [
      'truncated XML',
      envelope('<R><ServiceRequest><ServiceCode>1</ServiceCode>').slice(0, -20),
      /not well-formed XML: .*line/,
    ],
    [
      'XML that is not a SOAP envelope',
      '<ServiceRequests><ServiceRequest/></ServiceRequests>',
      /expected a SOAP envelope/,
    ],
    ['a CSV file', 'UPRN,Date\n1,2\n', /not well-formed XML/],
  ])('refuses %s as unreadable', async (_case, text, message) => {
    const failure = await parseAll(parser(), Buffer.from(text)).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LegacyWasteError);
    expect((failure as LegacyWasteError).code).toBe('FILE_UNREADABLE');
    expect((failure as Error).message).toMatch(message);
  });

  it('refuses an answer larger than the feed allows without parsing it', async () => {
    const bytes = exampleBytes('bartec-service-requests-several.xml');
    await expect(parseAll(parser(1000), bytes, 256)).rejects.toThrow(/larger than the 1000 bytes/);
  });
});
