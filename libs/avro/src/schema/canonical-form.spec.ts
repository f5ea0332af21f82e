import { AvroSchemaError, canonicalForm, parseAvroSchema } from '@joinedup/avro';

const binCollection = {
  doc: 'A bin collected, or missed, on a round',
  namespace: 'uk.gov.joinedup.waste',
  fields: [
    { name: 'uprn', type: 'string', doc: 'Kept as text: leading zeros occur' },
    { type: { type: 'long', logicalType: 'timestamp-millis' }, name: 'collectedAt' },
    {
      name: 'outcome',
      type: {
        type: 'enum',
        name: 'Outcome',
        symbols: ['COLLECTED', 'MISSED'],
        default: 'COLLECTED',
      },
    },
    {
      name: 'photo',
      type: [
        'null',
        { type: 'fixed', name: 'Sha256', namespace: 'uk.gov.joinedup.common', size: 32 },
      ],
      default: null,
    },
    { name: 'previousPhoto', type: ['null', 'uk.gov.joinedup.common.Sha256'], default: null },
    { name: 'tags', type: { type: 'array', items: { type: 'string' } }, aliases: ['labels'] },
    { name: 'weights', type: { type: 'map', values: 'double' }, order: 'descending' },
  ],
  name: 'BinCollection',
  type: 'record',
};

describe(canonicalForm.name, () => {
  it.each([
    ['{"type":"int"}', '"int"'],
    ['"string"', '"string"'],
    ['  { "type" : "long", "logicalType": "timestamp-millis" } ', '"long"'],
    ['["null", {"type": "string"}]', '["null","string"]'],
    ['{"type": "array", "items": "bytes"}', '{"type":"array","items":"bytes"}'],
  ])('writes %s as %s', (schema, expected) => {
    expect(canonicalForm(schema)).toBe(expected);
  });

  it('keeps only name, type, fields, symbols, items, values and size, in that order, with full names', () => {
    expect(canonicalForm(binCollection)).toBe(
      '{"name":"uk.gov.joinedup.waste.BinCollection","type":"record","fields":[' +
        '{"name":"uprn","type":"string"},' +
        '{"name":"collectedAt","type":"long"},' +
        '{"name":"outcome","type":{"name":"uk.gov.joinedup.waste.Outcome","type":"enum","symbols":["COLLECTED","MISSED"]}},' +
        '{"name":"photo","type":["null",{"name":"uk.gov.joinedup.common.Sha256","type":"fixed","size":32}]},' +
        '{"name":"previousPhoto","type":["null","uk.gov.joinedup.common.Sha256"]},' +
        '{"name":"tags","type":{"type":"array","items":"string"}},' +
        '{"name":"weights","type":{"type":"map","values":"double"}}]}',
    );
  });

  it('agrees with the canonical schema avsc fingerprints', () => {
    expect(canonicalForm(binCollection)).toBe(
      JSON.stringify(parseAvroSchema(binCollection).schema()),
    );
  });

  it('gives the same form to the same schema however it is laid out', () => {
    const spaced = JSON.stringify(binCollection, null, 4);
    const reordered = JSON.stringify({
      ...binCollection,
      type: 'record',
      fields: binCollection.fields,
    });

    expect(canonicalForm(spaced)).toBe(canonicalForm(binCollection));
    expect(canonicalForm(reordered)).toBe(canonicalForm(binCollection));
  });

  it('gives different forms to schemas that write different bytes', () => {
    const renamed = { ...binCollection, fields: binCollection.fields.slice(1) };

    expect(canonicalForm(renamed)).not.toBe(canonicalForm(binCollection));
  });

  it('writes a recursive type by full name where it recurs', () => {
    const list = {
      type: 'record',
      name: 'Node',
      namespace: 'x',
      fields: [{ name: 'next', type: ['null', 'Node'] }],
    };

    expect(canonicalForm(list)).toBe(
      '{"name":"x.Node","type":"record","fields":[{"name":"next","type":["null","x.Node"]}]}',
    );
  });

  it('throws AvroSchemaError for a schema that is not valid', () => {
    expect(() => canonicalForm('{"type": "enum", "name": "E", "symbols": ["A", "A"]}')).toThrow(
      AvroSchemaError,
    );
  });
});
