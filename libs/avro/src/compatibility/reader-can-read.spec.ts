import { AvroSchemaError, readerCanRead } from '@joinedup/avro';

/** A council tax account, version 1, as the contracts would hold it. */
function account(fields: object[], extra: object = {}): object {
  return {
    type: 'record',
    name: 'CouncilTaxAccount',
    namespace: 'uk.gov.joinedup.counciltax',
    fields: [{ name: 'accountRef', type: 'string' }, ...fields],
    ...extra,
  };
}

const band = (symbols: string[], extra: object = {}): object => ({
  type: 'enum',
  name: 'Band',
  symbols,
  ...extra,
});

const address = (fields: object[]): object => ({ type: 'record', name: 'Address', fields });

interface Case {
  name: string;
  reader: object | string;
  writer: object | string;
  expected: { rule: string; path: string }[];
}

const cases: Case[] = [
  {
    name: 'a reader field the writer lacks, with a default',
    reader: account([{ name: 'taxStatus', type: 'string', default: 'LIABLE' }]),
    writer: account([]),
    expected: [],
  },
  {
    name: 'a reader field the writer lacks, without a default',
    reader: account([{ name: 'taxStatus', type: 'string' }]),
    writer: account([]),
    expected: [{ rule: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: '/fields/taxStatus' }],
  },
  {
    name: 'a null default counts as a default',
    reader: account([{ name: 'email', type: ['null', 'string'], default: null }]),
    writer: account([]),
    expected: [],
  },
  {
    name: 'a writer field the reader lacks',
    reader: account([]),
    writer: account([{ name: 'taxStatus', type: 'string' }]),
    expected: [],
  },
  {
    name: 'a renamed field found through the reader field alias',
    reader: account([{ name: 'liability', type: 'string', aliases: ['taxStatus'] }]),
    writer: account([{ name: 'taxStatus', type: 'string' }]),
    expected: [],
  },
  {
    name: 'a field whose type changed from string to int',
    reader: account([{ name: 'uprn', type: 'int' }]),
    writer: account([{ name: 'uprn', type: 'string' }]),
    expected: [{ rule: 'TYPE_MISMATCH', path: '/fields/uprn/type' }],
  },
  {
    name: 'a record read as a string',
    reader: 'string',
    writer: address([]),
    expected: [{ rule: 'TYPE_MISMATCH', path: '/' }],
  },
  {
    name: 'an enum that lost a symbol the writer uses',
    reader: account([{ name: 'band', type: band(['A', 'B']) }]),
    writer: account([{ name: 'band', type: band(['A', 'B', 'H']) }]),
    expected: [{ rule: 'MISSING_ENUM_SYMBOLS', path: '/fields/band/type/symbols' }],
  },
  {
    name: 'an enum that lost a symbol but has a default symbol',
    reader: account([{ name: 'band', type: band(['UNKNOWN', 'A', 'B'], { default: 'UNKNOWN' }) }]),
    writer: account([{ name: 'band', type: band(['A', 'B', 'H']) }]),
    expected: [],
  },
  {
    name: 'an enum that gained a symbol',
    reader: band(['A', 'B', 'H']),
    writer: band(['A', 'B']),
    expected: [],
  },
  {
    name: 'an enum whose name changed',
    reader: { type: 'enum', name: 'TaxBand', symbols: ['A'] },
    writer: band(['A']),
    expected: [{ rule: 'NAME_MISMATCH', path: '/name' }],
  },
  {
    name: 'a writer union branch the reader union lacks',
    reader: account([{ name: 'phone', type: ['null', 'string'] }]),
    writer: account([{ name: 'phone', type: ['null', 'string', 'boolean'] }]),
    expected: [{ rule: 'MISSING_UNION_BRANCH', path: '/fields/phone/type/2' }],
  },
  {
    name: 'a writer union branch readable by promotion in the reader union',
    reader: ['null', 'double'],
    writer: ['null', 'int'],
    expected: [],
  },
  {
    name: 'a non-union writer read by a reader union holding its type',
    reader: account([{ name: 'phone', type: ['null', 'string'] }]),
    writer: account([{ name: 'phone', type: 'string' }]),
    expected: [],
  },
  {
    name: 'a non-union writer read by a reader union without its type',
    reader: ['null', 'string'],
    writer: 'boolean',
    expected: [{ rule: 'MISSING_UNION_BRANCH', path: '/' }],
  },
  {
    name: 'a writer union read by a non-union reader of one branch',
    reader: account([{ name: 'phone', type: 'string' }]),
    writer: account([{ name: 'phone', type: ['null', 'string'] }]),
    expected: [{ rule: 'TYPE_MISMATCH', path: '/fields/phone/type/0' }],
  },
  {
    name: 'a one-branch writer union read by that branch',
    reader: 'string',
    writer: ['string'],
    expected: [],
  },
  {
    name: 'a record inside a union that gained a field without a default',
    reader: [
      'null',
      address([
        { name: 'uprn', type: 'string' },
        { name: 'usrn', type: 'string' },
      ]),
    ],
    writer: ['null', address([{ name: 'uprn', type: 'string' }])],
    expected: [{ rule: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: '/1/fields/usrn' }],
  },
  {
    name: 'array items that are not readable',
    reader: { type: 'array', items: 'int' },
    writer: { type: 'array', items: 'long' },
    expected: [{ rule: 'TYPE_MISMATCH', path: '/items' }],
  },
  {
    name: 'array items readable by promotion',
    reader: { type: 'array', items: 'long' },
    writer: { type: 'array', items: 'int' },
    expected: [],
  },
  {
    name: 'map values that are not readable',
    reader: { type: 'map', values: band(['A']) },
    writer: { type: 'map', values: band(['A', 'B']) },
    expected: [{ rule: 'MISSING_ENUM_SYMBOLS', path: '/values/symbols' }],
  },
  {
    name: 'an array read as a map',
    reader: { type: 'map', values: 'string' },
    writer: { type: 'array', items: 'string' },
    expected: [{ rule: 'TYPE_MISMATCH', path: '/' }],
  },
  {
    name: 'fixed of another size',
    reader: { type: 'fixed', name: 'Digest', size: 16 },
    writer: { type: 'fixed', name: 'Digest', size: 32 },
    expected: [{ rule: 'FIXED_SIZE_MISMATCH', path: '/size' }],
  },
  {
    name: 'fixed of another name',
    reader: { type: 'fixed', name: 'Md5', size: 16 },
    writer: { type: 'fixed', name: 'Digest', size: 16 },
    expected: [{ rule: 'NAME_MISMATCH', path: '/name' }],
  },
  {
    name: 'fixed renamed with a reader alias',
    reader: { type: 'fixed', name: 'Md5', aliases: ['Digest'], size: 16 },
    writer: { type: 'fixed', name: 'Digest', size: 16 },
    expected: [],
  },
  {
    name: 'a record in another namespace with the same unqualified name',
    reader: { ...address([]), namespace: 'uk.gov.v2' },
    writer: { ...address([]), namespace: 'uk.gov.v1' },
    expected: [],
  },
  {
    name: 'a record renamed without an alias',
    reader: { type: 'record', name: 'Premises', fields: [] },
    writer: address([]),
    expected: [{ rule: 'NAME_MISMATCH', path: '/name' }],
  },
  {
    name: 'a record renamed with a fully qualified reader alias',
    reader: { type: 'record', name: 'a.Premises', aliases: ['b.Address'], fields: [] },
    writer: { ...address([]), namespace: 'b' },
    expected: [],
  },
  {
    name: 'a date logical type over an int writer',
    reader: { type: 'int', logicalType: 'date' },
    writer: 'int',
    expected: [],
  },
  {
    name: 'a timestamp-millis writer read as a plain long',
    reader: 'long',
    writer: { type: 'long', logicalType: 'timestamp-millis' },
    expected: [],
  },
  {
    name: 'a date writer read as a timestamp: int promotes to long',
    reader: { type: 'long', logicalType: 'timestamp-millis' },
    writer: { type: 'int', logicalType: 'date' },
    expected: [],
  },
  {
    name: 'a timestamp writer read as a date: long does not demote to int',
    reader: { type: 'int', logicalType: 'date' },
    writer: { type: 'long', logicalType: 'timestamp-millis' },
    expected: [{ rule: 'TYPE_MISMATCH', path: '/' }],
  },
  {
    name: 'a decimal in bytes read as a decimal in fixed',
    reader: {
      type: 'fixed',
      name: 'Money',
      size: 8,
      logicalType: 'decimal',
      precision: 10,
      scale: 2,
    },
    writer: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
    expected: [{ rule: 'TYPE_MISMATCH', path: '/' }],
  },
];

const PROMOTABLE: [string, string][] = [
  ['int', 'long'],
  ['int', 'float'],
  ['int', 'double'],
  ['long', 'float'],
  ['long', 'double'],
  ['float', 'double'],
  ['string', 'bytes'],
  ['bytes', 'string'],
];

const NOT_PROMOTABLE: [string, string][] = [
  ['long', 'int'],
  ['float', 'int'],
  ['double', 'float'],
  ['double', 'long'],
  ['float', 'long'],
  ['int', 'boolean'],
  ['null', 'string'],
  ['string', 'int'],
];

/** A list of properties, to build a recursive schema. */
function propertyList(fields: object[] = []): object {
  return {
    type: 'record',
    name: 'PropertyList',
    fields: [
      { name: 'uprn', type: 'string' },
      { name: 'next', type: ['null', 'PropertyList'], default: null },
      ...fields,
    ],
  };
}

describe(readerCanRead.name, () => {
  it.each(cases)('$name', ({ reader, writer, expected }) => {
    const found = readerCanRead(reader, writer);

    expect(found.map(({ rule, path }) => ({ rule, path }))).toEqual(expected);
  });

  it.each(PROMOTABLE)('reads a %s writer as %s', (writer, reader) => {
    expect(readerCanRead(reader, writer)).toEqual([]);
  });

  it.each(NOT_PROMOTABLE)('does not read a %s writer as %s', (writer, reader) => {
    expect(readerCanRead(reader, writer)).toMatchObject([{ rule: 'TYPE_MISMATCH', path: '/' }]);
  });

  it('names the rule, the path and the field in plain words', () => {
    const [problem] = readerCanRead(account([{ name: 'taxStatus', type: 'string' }]), account([]));

    expect(problem.message).toBe(
      'READER_FIELD_MISSING_DEFAULT_VALUE at /fields/taxStatus: reader field ' +
        "'taxStatus' of record 'uk.gov.joinedup.counciltax.CouncilTaxAccount' has no default " +
        'and the writer has no such field; add a default',
    );
  });

  it('names the symbols an enum lost', () => {
    const [problem] = readerCanRead(band(['A']), band(['A', 'G', 'H']));

    expect(problem.message).toContain("reader enum 'Band' lacks writer symbols [G, H]");
  });

  it('names the types and the allowed promotions on a type mismatch', () => {
    const [problem] = readerCanRead('int', 'long');

    expect(problem.message).toBe(
      "TYPE_MISMATCH at /: reader type 'int' cannot read writer type 'long' " +
        '(long can be read as long, float, double)',
    );
  });

  it('resolves a recursive type against itself without recursing forever', () => {
    expect(readerCanRead(propertyList(), propertyList())).toEqual([]);
  });

  it('finds a problem inside a recursive type once per place it appears', () => {
    const reader = propertyList([{ name: 'usrn', type: 'string' }]);

    const found = readerCanRead(reader, propertyList());

    expect(found.map((problem) => problem.path)).toEqual(['/fields/usrn']);
  });

  it('reads JSON text as well as parsed schemas', () => {
    const reader = JSON.stringify(account([{ name: 'x', type: 'long' }]));
    const writer = JSON.stringify(account([{ name: 'x', type: 'int' }]));

    expect(readerCanRead(reader, writer)).toEqual([]);
  });

  it('throws AvroSchemaError for an invalid schema rather than calling it incompatible', () => {
    expect(() =>
      readerCanRead({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'Nope' }] }, 'int'),
    ).toThrow(AvroSchemaError);
  });
});
