import { parseAvroSchema } from '@joinedup/avro';

const dateType = parseAvroSchema({ type: 'int', logicalType: 'date' });
const decimalType = (precision: number, scale: number, fixedSize?: number) =>
  parseAvroSchema(
    fixedSize === undefined
      ? { type: 'bytes', logicalType: 'decimal', precision, scale }
      : { type: 'fixed', name: 'D', size: fixedSize, logicalType: 'decimal', precision, scale },
  );

describe('logical types', () => {
  it('agrees with Date on every 97th day from 0001-01-01 to 9999-12-31', () => {
    const first = Date.UTC(1, 0, 1) / 86_400_000;
    const last = Date.UTC(9999, 11, 31) / 86_400_000;
    for (let days = first; days <= last; days += 97) {
      const text = new Date(days * 86_400_000).toISOString().slice(0, 10);
      const encoded = dateType.toBuffer(text);

      expect([text, dateType.fromBuffer(encoded)]).toEqual([text, text]);
      expect(encoded.equals(parseAvroSchema('int').toBuffer(days))).toBe(true);
    }
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-1-01',
    ' 2024-01-01',
    '2024-01-01T00:00',
  ])('refuses the date %j', (text) => {
    expect(dateType.isValid(text)).toBe(false);
  });

  it.each(['2000-02-29', '2024-02-29', '0001-01-01', '9999-12-31', '1969-12-31'])(
    'accepts the date %j',
    (text) => {
      expect(dateType.fromBuffer(dateType.toBuffer(text))).toBe(text);
    },
  );

  it("encodes decimals as the unscaled two's complement for every size of number", () => {
    const type = decimalType(38, 3);
    for (const text of [
      '0.000',
      '0.001',
      '-0.001',
      '127.000',
      '-128.000',
      '8388.607',
      '-8388.608',
      '999999999999.999',
      '-999999999999.999',
      '1000000000000.000',
      '12345678901234567890123456789012345.678',
    ]) {
      const unscaled = BigInt(text.replace('.', ''));
      const bytes = type.toBuffer(text).subarray(1);

      expect(BigInt.asIntN(bytes.length * 8, BigInt('0x' + bytes.toString('hex')))).toBe(unscaled);
      expect(type.fromBuffer(type.toBuffer(text))).toBe(text);
    }
  });

  it.each([
    ['1.5', 2, '1.50'],
    ['007.1', 2, '7.10'],
    ['-0', 0, '0'],
    ['42', 4, '42.0000'],
  ])('reads %j back at scale %d as %j', (text, scale, expected) => {
    const type = decimalType(10, scale);

    expect(type.fromBuffer(type.toBuffer(text))).toBe(expected);
  });

  it.each(['', '-', '.5', '5.', '1,000.00', '1e3', '--1', '0x10', ' 1', '1.2.3', '12.345'])(
    'refuses the decimal %j at scale 2',
    (text) => {
      expect(decimalType(10, 2).isValid(text)).toBe(false);
    },
  );

  it('refuses a decimal with more digits than its precision, counting the scale', () => {
    expect(decimalType(4, 2).isValid('99.99')).toBe(true);
    expect(decimalType(4, 2).isValid('100')).toBe(false);
    expect(decimalType(4, 2).isValid('0000.01')).toBe(true);
  });

  it('sign-extends a decimal into its fixed size and refuses one too wide for it', () => {
    const type = decimalType(4, 2, 2);

    expect([...type.toBuffer('-1.00')]).toEqual([0xff, 0x9c]);
    expect(type.fromBuffer(type.toBuffer('-1.00'))).toBe('-1.00');
    expect(decimalType(9, 0, 2).isValid('40000')).toBe(false);
  });

  it('falls back to the underlying type when decimal attributes are invalid, as the spec says', () => {
    const type = parseAvroSchema({ type: 'bytes', logicalType: 'decimal', precision: 0 });

    expect(type.typeName).toBe('bytes');
  });

  it('accepts only RFC 4122 text as a uuid', () => {
    const uuid = parseAvroSchema({ type: 'string', logicalType: 'uuid' });

    expect(uuid.isValid('123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect(uuid.isValid('123e4567e89b12d3a456426614174000')).toBe(false);
    expect(uuid.isValid('123e4567-e89b-12d3-a456-42661417400g')).toBe(false);
  });
});
