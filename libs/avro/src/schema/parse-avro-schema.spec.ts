import { AvroSchemaError, parseAvroSchema } from '@joinedup/avro';

function errorOf(input: string | object): AvroSchemaError {
  try {
    parseAvroSchema(input);
  } catch (err) {
    if (err instanceof AvroSchemaError) return err;
    throw err;
  }
  throw new Error('expected AvroSchemaError');
}

describe(parseAvroSchema.name, () => {
  it('parses JSON text and parsed JSON to the same type', () => {
    const schema = { type: 'record', name: 'Ward', fields: [{ name: 'gss', type: 'string' }] };

    expect(parseAvroSchema(JSON.stringify(schema)).equals(parseAvroSchema(schema))).toBe(true);
  });

  it.each([
    ['{"type": }', 'line 1, column 10 (position 9), near "}"'],
    ['{"type": "record",\n "name": "A",\n "fields": [,]}', 'line 3, column 13 (position 45)'],
    ['{"type": "int",}', 'position 15'],
    ['{"type": "int"', 'near the end'],
    ['   ', 'schema is empty'],
  ])('names where the JSON of %j goes wrong', (text, where) => {
    expect(errorOf(text).message).toContain(where);
  });

  it.each([
    [
      { type: 'record', name: 'A', fields: [{ name: 'ward', type: 'Wrad' }] },
      'undefined type name: Wrad',
    ],
    [{ type: 'integer' }, 'unknown type: "integer"'],
    [{ type: 'enum', name: 'E', symbols: ['A', 'A'] }, 'duplicate "E" symbol: "A"'],
    [{ type: 'record', fields: [] }, 'missing name'],
    [
      { type: 'record', name: 'A', fields: [{ name: 'n', type: 'int', default: 'one' }] },
      'incompatible field default "one"',
    ],
  ])('names what is wrong with %j', (schema, reason) => {
    const error = errorOf(schema);

    expect(error.message).toContain(reason);
    expect(error.code).toBe('INVALID_SCHEMA');
    expect(error.isRetriable).toBe(false);
  });
});
