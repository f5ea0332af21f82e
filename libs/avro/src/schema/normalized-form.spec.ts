import { canonicalForm, normalizedForm } from '@joinedup/avro';

const person = (fields: object[]) => ({
  type: 'record',
  name: 'Person',
  namespace: 'uk.gov.joinedup.people',
  fields: [{ name: 'id', type: 'string' }, ...fields],
});

describe(normalizedForm.name, () => {
  it('tells apart schemas the canonical form cannot: a field gaining a default', () => {
    const without = person([{ name: 'name', type: 'string' }]);
    const withDefault = person([{ name: 'name', type: 'string', default: '' }]);

    expect(canonicalForm(without)).toBe(canonicalForm(withDefault));
    expect(normalizedForm(without)).not.toBe(normalizedForm(withDefault));
  });

  it('tells apart a long from a timestamp-millis', () => {
    const plain = person([{ name: 'at', type: 'long' }]);
    const logical = person([
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    ]);

    expect(normalizedForm(plain)).not.toBe(normalizedForm(logical));
  });

  it('gives the same form however the schema is laid out or its names spelled', () => {
    const short = person([
      { name: 'band', type: { type: 'enum', name: 'Band', symbols: ['A', 'B'], default: 'A' } },
      { name: 'previousBand', type: ['null', 'Band'], default: null },
      {
        name: 'home',
        type: { type: 'record', name: 'Home', fields: [{ name: 'uprn', type: 'string' }] },
        default: { uprn: '1' },
      },
    ]);
    const full = {
      fields: [
        { type: 'string', name: 'id' },
        {
          type: {
            symbols: ['A', 'B'],
            default: 'A',
            name: 'uk.gov.joinedup.people.Band',
            type: 'enum',
          },
          name: 'band',
        },
        { default: null, name: 'previousBand', type: ['null', 'uk.gov.joinedup.people.Band'] },
        {
          name: 'home',
          default: { uprn: '1' },
          type: {
            name: 'uk.gov.joinedup.people.Home',
            type: 'record',
            fields: [{ name: 'uprn', type: { type: 'string' } }],
          },
        },
      ],
      name: 'uk.gov.joinedup.people.Person',
      type: 'record',
    };

    expect(normalizedForm(JSON.stringify(full, null, 2))).toBe(normalizedForm(short));
  });

  it('lays attributes out as the canonical form does, then the rest sorted', () => {
    const schema = {
      type: 'record',
      name: 'Payment',
      namespace: 'p',
      doc: 'A payment',
      aliases: ['OldPayment'],
      fields: [
        {
          name: 'amount',
          doc: 'in pounds',
          type: { type: 'bytes', logicalType: 'decimal', scale: 2, precision: 10 },
        },
      ],
    };

    expect(normalizedForm(schema)).toBe(
      '{"name":"p.Payment","type":"record","fields":[{"name":"amount","type":' +
        '{"type":"bytes","logicalType":"decimal","precision":10,"scale":2},"doc":"in pounds"}],' +
        '"aliases":["p.OldPayment"],"doc":"A payment"}',
    );
  });
});
