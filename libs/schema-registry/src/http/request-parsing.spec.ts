import { RegistryError } from '../errors/registry.error';
import {
  parseCompatibilityUpdate,
  parseModeUpdate,
  parseSchemaRequest,
  parseVersion,
} from './request-parsing';

function errorCodeOf(action: () => unknown): number | undefined {
  try {
    action();
    return undefined;
  } catch (err) {
    return (err as RegistryError).errorCode;
  }
}

describe('request parsing', () => {
  it.each([
    ['latest', 'latest'],
    ['-1', 'latest'],
    ['1', 1],
    ['2147483647', 2147483647],
  ])('reads version %s as %s', (text, expected) => {
    expect(parseVersion(text)).toBe(expected);
  });

  it.each(['0', '-2', '1.5', 'abc', '2147483648', ''])('refuses version %j with 42202', (text) => {
    expect(errorCodeOf(() => parseVersion(text))).toBe(42202);
  });

  it('reads a schema request and ignores an id of -1 as Confluent clients send it', () => {
    expect(
      parseSchemaRequest({ schema: '"int"', schemaType: 'AVRO', references: [], id: -1 }),
    ).toEqual({
      schema: '"int"',
    });
    expect(parseSchemaRequest({ schema: '"int"', id: 9, version: 2 })).toEqual({
      schema: '"int"',
      id: 9,
      version: 2,
    });
  });

  it.each([
    ['no schema', {}, 42201],
    ['an empty schema', { schema: '  ' }, 42201],
    ['a schema that is not a string', { schema: { type: 'int' } }, 42201],
    ['PROTOBUF', { schema: 'x', schemaType: 'PROTOBUF' }, 42201],
    [
      'references',
      { schema: '"int"', references: [{ name: 'a', subject: 'a', version: 1 }] },
      42201,
    ],
    ['references that are not an array', { schema: '"int"', references: 'a' }, 422],
    ['an id that is not a number', { schema: '"int"', id: '7' }, 422],
    ['an array body', [], 422],
    ['a null body', null, 422],
  ])('refuses %s with %i', (_what, body, code) => {
    expect(errorCodeOf(() => parseSchemaRequest(body))).toBe(code);
  });

  it('reads levels and modes in any letter case and refuses others', () => {
    expect(parseCompatibilityUpdate({ compatibility: 'full_transitive' })).toBe('FULL_TRANSITIVE');
    expect(parseModeUpdate({ mode: 'readonly' })).toBe('READONLY');
    expect(errorCodeOf(() => parseCompatibilityUpdate({ compatibilityLevel: 'FULL' }))).toBe(42203);
    expect(errorCodeOf(() => parseModeUpdate({ mode: 'READONLY_OVERRIDE' }))).toBe(42204);
  });
});
