import { parseAvroSchema } from '@joinedup/avro';
import { compileDeclaredFieldsCheck } from './declared-fields-check';

const address = {
  type: 'record',
  name: 'Address',
  fields: [
    { name: 'uprn', type: 'string' },
    { name: 'postcode', type: ['null', 'string'], default: null },
  ],
};

const household = parseAvroSchema({
  type: 'record',
  name: 'Household',
  fields: [
    { name: 'home', type: address },
    { name: 'previous', type: ['null', 'Address'], default: null },
    { name: 'others', type: { type: 'array', items: 'Address' }, default: [] },
    { name: 'byRole', type: { type: 'map', values: 'Address' }, default: {} },
    { name: 'parent', type: ['null', 'Household'], default: null },
  ],
});

const home = { uprn: '000100023456', postcode: null };
const valid = { home, previous: null, others: [home], byRole: { billing: home }, parent: null };

describe(compileDeclaredFieldsCheck.name, () => {
  const sut = compileDeclaredFieldsCheck(household);

  it('passes a value with only declared fields', () => {
    expect(sut(valid)).toBe(true);
    expect(sut({ ...valid, parent: valid })).toBe(true);
  });

  it.each([
    ['the top record', { ...valid, extra: 1 }],
    ['a nested record', { ...valid, home: { ...home, postcdoe: 'AB1 2CD' } }],
    ['a record in a union', { ...valid, previous: { ...home, x: 1 } }],
    ['a record in an array', { ...valid, others: [home, { ...home, x: 1 }] }],
    ['a record in a map', { ...valid, byRole: { billing: { ...home, x: 1 } } }],
    ['a recursive record', { ...valid, parent: { ...valid, extra: true } }],
  ])('refuses an undeclared field in %s', (_where, value) => {
    expect(sut(value)).toBe(false);
    expect(household.isValid(value)).toBe(true);
    expect(household.isValid(value, { noUndeclaredFields: true })).toBe(false);
  });

  it('checks records inside wrapped unions', () => {
    const wrapped = parseAvroSchema([
      { type: 'record', name: 'A', fields: [{ name: 'x', type: 'int' }] },
      { type: 'record', name: 'B', fields: [{ name: 'y', type: 'int' }] },
    ]);
    const check = compileDeclaredFieldsCheck(wrapped);

    expect(check({ A: { x: 1 } })).toBe(true);
    expect(check({ B: { y: 1, z: 2 } })).toBe(false);
  });

  it('has nothing to check in a type without records', () => {
    expect(
      compileDeclaredFieldsCheck(parseAvroSchema({ type: 'array', items: 'string' }))(['a']),
    ).toBe(true);
  });
});
