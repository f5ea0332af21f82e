import { readSchemaId, toWireFormat, WireFormatError } from '@joinedup/avro';

describe('wire format', () => {
  it('puts magic byte 0 and the big-endian schema id before the body', () => {
    const message = toWireFormat(0x01020304, Buffer.from([0xaa, 0xbb]));

    expect([...message]).toEqual([0, 1, 2, 3, 4, 0xaa, 0xbb]);
    expect(readSchemaId(message)).toBe(0x01020304);
  });

  it('reads the largest schema id', () => {
    expect(readSchemaId(toWireFormat(0xffffffff, Buffer.alloc(0)))).toBe(0xffffffff);
  });

  it.each([-1, 1.5, 2 ** 32])('refuses the schema id %d', (id) => {
    expect(() => toWireFormat(id, Buffer.alloc(0))).toThrow(RangeError);
  });

  it('refuses something that is not a Buffer', () => {
    expect(() => readSchemaId('00001' as unknown as Buffer)).toThrow(WireFormatError);
  });
});
