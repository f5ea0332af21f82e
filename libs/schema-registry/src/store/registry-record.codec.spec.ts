import { decodeRecord, encodeRecord, RecordDecodeError } from './registry-record.codec';
import { schemaKey } from './registry-record';

describe(decodeRecord.name, () => {
  it('reads the records Confluent Schema Registry writes', () => {
    expect(
      decodeRecord(
        '{"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1}',
        '{"subject":"orders-value","version":2,"id":7,"schema":"\\"string\\"","deleted":false}',
      ),
    ).toEqual({
      key: { keytype: 'SCHEMA', subject: 'orders-value', version: 2, magic: 1 },
      value: { subject: 'orders-value', version: 2, id: 7, schema: '"string"', deleted: false },
    });
    expect(
      decodeRecord(
        '{"keytype":"CONFIG","subject":null,"magic":0}',
        '{"compatibilityLevel":"FULL"}',
      ),
    ).toEqual({
      key: { keytype: 'CONFIG', subject: null, magic: 0 },
      value: { compatibilityLevel: 'FULL' },
    });
    expect(
      decodeRecord(
        '{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}',
        '{"subject":"s","version":3}',
      ),
    ).toEqual({
      key: { keytype: 'DELETE_SUBJECT', subject: 's', magic: 0 },
      value: { subject: 's', version: 3 },
    });
  });

  it('reads a tombstone as a null value', () => {
    expect(decodeRecord(JSON.stringify(schemaKey('s', 1)), null)).toEqual({
      key: schemaKey('s', 1),
      value: null,
    });
  });

  it('skips key types it does not use, such as NOOP', () => {
    expect(decodeRecord('{"keytype":"NOOP","magic":0}', null)).toBeUndefined();
  });

  it.each([
    ['a key that is not JSON', 'nope', null, 'key is not JSON'],
    [
      'a version that is not a number',
      '{"keytype":"SCHEMA","subject":"s","version":"1","magic":1}',
      null,
      '"version"',
    ],
    [
      'an unknown level',
      '{"keytype":"CONFIG","subject":null,"magic":0}',
      '{"compatibilityLevel":"SOME"}',
      'SOME',
    ],
    ['an unknown mode', '{"keytype":"MODE","subject":null,"magic":0}', '{"mode":"SOME"}', 'SOME'],
  ])('refuses %s, naming what is wrong', (_what, key, value, named) => {
    expect(() => decodeRecord(key, value)).toThrow(RecordDecodeError);
    expect(() => decodeRecord(key, value)).toThrow(named);
  });

  it('round-trips what it encodes', () => {
    const record = {
      key: schemaKey('s', 1),
      value: { subject: 's', version: 1, id: 3, schema: '"int"', deleted: true },
    };
    const { key, value } = encodeRecord(record);
    expect(decodeRecord(key, value)).toEqual(record);
  });
});
