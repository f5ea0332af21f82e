import { lintContractSchema } from './lint-contract-schema';

const record = (fields: object[], extra: object = {}) => ({
  type: 'record',
  name: 'ThingPayload',
  doc: 'A thing.',
  fields,
  ...extra,
});
const status = (extra: object = {}) => ({
  type: 'enum',
  name: 'Status',
  doc: 'A status.',
  symbols: ['UNKNOWN', 'OPEN'],
  default: 'UNKNOWN',
  ...extra,
});

describe('lintContractSchema', () => {
  it('finds nothing wrong with a schema that follows the rules', () => {
    const schema = record([
      { name: 'reference', type: 'string', doc: 'Ref.' },
      { name: 'note', type: ['null', 'string'], default: null, doc: 'Optional.' },
      { name: 'status', type: status(), default: 'UNKNOWN', doc: 'Status.' },
      {
        name: 'items',
        type: { type: 'array', items: record([], { name: 'Item' }) },
        doc: 'Items.',
      },
    ]);
    expect(lintContractSchema(schema as never)).toEqual([]);
  });

  it.each([
    ['a record without a doc', record([], { doc: undefined }), 'ThingPayload: record has no doc'],
    [
      'a field without a doc',
      record([{ name: 'reference', type: 'string' }]),
      'ThingPayload.reference: field has no doc',
    ],
    [
      'a blank doc',
      record([{ name: 'reference', type: 'string', doc: '  ' }]),
      'ThingPayload.reference: field has no doc',
    ],
    [
      'an enum without a default',
      record([{ name: 's', type: status({ default: undefined }), doc: 'S.' }]),
      'Status: enum has no default symbol',
    ],
    [
      'an enum default that is not a symbol',
      record([{ name: 's', type: status({ default: 'SHUT' }), doc: 'S.' }]),
      'Status: enum default "SHUT" is not one of its symbols',
    ],
    [
      'an enum without a doc',
      record([{ name: 's', type: status({ doc: undefined }), doc: 'S.' }]),
      'Status: enum has no doc',
    ],
    [
      'an optional field without a default',
      record([{ name: 'note', type: ['null', 'string'], doc: 'N.' }]),
      'ThingPayload.note: optional field needs "default": null',
    ],
    [
      'null second in a union',
      record([{ name: 'note', type: ['string', 'null'], default: 'x', doc: 'N.' }]),
      'ThingPayload.note: a union must be ["null", T]',
    ],
    [
      'a union of two non-null types',
      record([{ name: 'n', type: ['null', 'string', 'int'], default: null, doc: 'N.' }]),
      'ThingPayload.n: a union must be ["null", T]',
    ],
    [
      'a nested record field without a doc',
      record([
        {
          name: 'items',
          type: { type: 'array', items: record([{ name: 'x', type: 'int' }], { name: 'Item' }) },
          doc: 'I.',
        },
      ]),
      'Item.x: field has no doc',
    ],
    [
      'an enum inside an optional field without a default',
      record([
        { name: 's', type: ['null', status({ default: undefined })], default: null, doc: 'S.' },
      ]),
      'Status: enum has no default symbol',
    ],
  ])('reports %s', (_case, schema, expected) => {
    expect(lintContractSchema(schema as never)).toContainEqual(expect.stringContaining(expected));
  });
});
