import {
  AvroSchemaError,
  AvroSerde,
  AvroValidationError,
  SchemaRegistryError,
  SchemaResolutionError,
  WireFormatError,
} from '@joinedup/avro';
import { setLogSink } from '@joinedup/logging';
import {
  MinimalSchemaRegistry,
  startMinimalSchemaRegistry,
} from '../../test/minimal-schema-registry';

const SUBJECT = 'counciltax.payment-received-value';

const payment = (extraFields: object[] = [], { withoutPayer = false } = {}): string =>
  JSON.stringify({
    type: 'record',
    name: 'PaymentReceived',
    namespace: 'uk.gov.joinedup.counciltax',
    fields: [
      { name: 'paymentId', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'receivedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ...(withoutPayer ? [] : [{ name: 'payer', type: 'string' }]),
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      ...extraFields,
    ],
  });

const v1 = payment();
const v2 = payment([{ name: 'channel', type: ['null', 'string'], default: null }]);
const v3 = payment([{ name: 'channel', type: ['null', 'string'], default: null }], {
  withoutPayer: true,
});

const aPayment = {
  paymentId: '5f1c3c1e-4b8a-4a57-9d53-3b6c3f0f2a11',
  receivedAt: new Date('2025-04-01T09:30:00.000Z'),
  payer: 'A. Resident',
  amount: '1234.50',
};

function withoutPayer<T extends { payer?: unknown }>(value: T): Omit<T, 'payer'> {
  const rest: Partial<T> = { ...value };
  delete rest.payer;
  return rest as Omit<T, 'payer'>;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => new Error('expected a rejection'),
    (err: Error) => err,
  );
  return outcome;
}

describe(AvroSerde.name, () => {
  let registry: MinimalSchemaRegistry;
  let clock: number;
  let logged: string[];
  const newSerde = (options: Partial<ConstructorParameters<typeof AvroSerde>[0]> = {}) =>
    new AvroSerde({ registry: { url: registry.url }, now: () => clock, ...options });

  beforeEach(async () => {
    registry = await startMinimalSchemaRegistry();
    clock = 1_000_000;
    logged = [];
    setLogSink({ write: (line) => logged.push(line) });
  });

  afterEach(async () => {
    setLogSink(undefined);
    await registry.close();
  });

  describe('wire format', () => {
    it('writes magic byte 0, the schema id big-endian, then the Avro body', async () => {
      for (let i = 0; i < 299; i++)
        registry.add(`filler-${i}`, { type: 'fixed', name: `F${i}`, size: 1 });
      const id = registry.add(SUBJECT, v1);

      const message = await newSerde().encode(SUBJECT, aPayment);

      expect(id).toBe(300);
      expect([...message.subarray(0, 5)]).toEqual([0, 0, 0, 0x01, 0x2c]);
      expect(message.length).toBeGreaterThan(5);
    });

    it.each([
      [Buffer.from([]), 'message is 0 bytes, shorter than the 5-byte Confluent header'],
      [Buffer.from([0, 0, 1]), 'message is 3 bytes, shorter than the 5-byte Confluent header'],
      [Buffer.from('{"json":true}'), 'byte 0 is 0x7b, expected the magic byte 0x00'],
      [Buffer.from([1, 0, 0, 0, 1, 2]), 'byte 0 is 0x01, expected the magic byte 0x00'],
    ])('rejects %j before asking the registry', async (message, reason) => {
      const error = await failureOf(newSerde().decode(message));

      expect(error).toBeInstanceOf(WireFormatError);
      expect(error.message).toContain(reason);
      expect(registry.requests).toEqual([]);
    });

    it('rejects a body cut short', async () => {
      registry.add(SUBJECT, v1);
      const serde = newSerde();
      const message = await serde.encode(SUBJECT, aPayment);

      const error = await failureOf(serde.decode(message.subarray(0, message.length - 3)));

      expect(error).toBeInstanceOf(WireFormatError);
      expect(error.message).toMatch(/with schema id 1 (is truncated|cannot be read)/);
    });

    it('rejects bytes left over after the body', async () => {
      registry.add(SUBJECT, v1);
      const serde = newSerde();
      const message = await serde.encode(SUBJECT, aPayment);

      const error = await failureOf(serde.decode(Buffer.concat([message, Buffer.from([7, 7])])));

      expect(error).toBeInstanceOf(WireFormatError);
      expect(error.message).toContain('2 bytes are left after the Avro body');
    });
  });

  describe('logical types', () => {
    const record = (type: object) =>
      JSON.stringify({ type: 'record', name: 'Holder', fields: [{ name: 'v', type }] });

    it.each([
      [
        'timestamp-millis',
        { type: 'long', logicalType: 'timestamp-millis' },
        new Date('2024-02-29T23:59:59.999Z'),
      ],
      [
        'timestamp-millis before 1970',
        { type: 'long', logicalType: 'timestamp-millis' },
        new Date('1953-06-02T11:00:00Z'),
      ],
      ['date', { type: 'int', logicalType: 'date' }, '2024-02-29'],
      ['date before 1970', { type: 'int', logicalType: 'date' }, '1948-07-05'],
      ['uuid', { type: 'string', logicalType: 'uuid' }, 'a3bb189e-8bf9-3888-9912-ace4e6543002'],
      ['decimal', { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }, '12.50'],
      [
        'negative decimal',
        { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
        '-0.01',
      ],
      ['zero decimal', { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }, '0.00'],
      [
        'largest decimal',
        { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
        '99999999.99',
      ],
      [
        'decimal beyond 2^53',
        { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 4 },
        '-12345678901234567890123456789012.3456',
      ],
      ['decimal with scale 0', { type: 'bytes', logicalType: 'decimal', precision: 5 }, '-32768'],
      [
        'decimal in fixed',
        { type: 'fixed', name: 'Money', size: 8, logicalType: 'decimal', precision: 18, scale: 2 },
        '-1234567.89',
      ],
      [
        'optional decimal',
        ['null', { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }],
        '7.25',
      ],
      ['optional date, absent', ['null', { type: 'int', logicalType: 'date' }], null],
    ])('round-trips %s', async (_name, type, value) => {
      registry.add('holder-value', record(type));
      const serde = newSerde();

      const decoded = await serde.decode<{ v: unknown }>(
        await serde.encode('holder-value', { v: value }),
      );

      expect(decoded.v).toEqual(value);
    });

    it('pads a decimal to its scale', async () => {
      registry.add(
        'holder-value',
        record({ type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }),
      );
      const serde = newSerde();

      const decoded = await serde.decode<{ v: string }>(
        await serde.encode('holder-value', { v: '12.5' }),
      );

      expect(decoded.v).toBe('12.50');
    });

    it("writes a decimal as the spec says: two's complement of the unscaled value", async () => {
      registry.add(
        'holder-value',
        record({ type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }),
      );

      const message = await newSerde().encode('holder-value', { v: '-1.28' });

      expect([...message.subarray(5)]).toEqual([2, 0x80]);
    });

    it.each([
      [
        'timestamp-millis',
        { type: 'long', logicalType: 'timestamp-millis' },
        '2024-01-01',
        'timestamp-millis, a valid Date',
      ],
      [
        'timestamp-millis',
        { type: 'long', logicalType: 'timestamp-millis' },
        new Date('nonsense'),
        'an invalid Date',
      ],
      ['date', { type: 'int', logicalType: 'date' }, '2023-02-29', "date, a 'YYYY-MM-DD' string"],
      ['date', { type: 'int', logicalType: 'date' }, '01/02/2024', "date, a 'YYYY-MM-DD' string"],
      ['uuid', { type: 'string', logicalType: 'uuid' }, 'not-a-uuid', 'uuid, a string like'],
      [
        'decimal',
        { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
        '12.505',
        'scale 2',
      ],
      [
        'decimal',
        { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 },
        '123.45',
        'precision 4',
      ],
      [
        'decimal',
        { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
        12.5,
        'a string of at most 6 digits',
      ],
    ])('refuses a bad %s value %j', async (_name, type, value, expected) => {
      registry.add('holder-value', record(type));

      const error = await failureOf(newSerde().encode('holder-value', { v: value }));

      expect(error).toBeInstanceOf(AvroValidationError);
      expect(error.message).toContain(expected);
    });
  });

  describe('validation', () => {
    it('names every bad field, what it expected and what it found', async () => {
      registry.add(SUBJECT, v2);
      const bad = { ...aPayment, paymentId: 'x', payer: 42, amount: undefined, channel: 7 };

      const error = (await failureOf(newSerde().encode(SUBJECT, bad))) as AvroValidationError;

      expect(error).toBeInstanceOf(AvroValidationError);
      expect(error.problems).toEqual([
        { path: 'paymentId', expected: expect.stringContaining('uuid'), found: '"x"' },
        { path: 'payer', expected: "'string'", found: '42' },
        {
          path: 'amount',
          expected: expect.stringContaining('decimal'),
          found: 'nothing (the field is missing)',
        },
        { path: 'channel', expected: 'one of null | string', found: '7' },
      ]);
      expect(error.message).toMatch(
        /^value for subject 'counciltax.payment-received-value' \(schema id 1\) does not match its schema: at paymentId expected uuid/,
      );
    });

    it('truncates long values in the error', async () => {
      registry.add(SUBJECT, v1);

      const error = (await failureOf(
        newSerde().encode(SUBJECT, { ...aPayment, payer: ['x'.repeat(500)] }),
      )) as AvroValidationError;

      expect(error.problems[0].found).toMatch(/^\["x{38}\.\.\. \(truncated\)$/);
    });

    it('refuses fields the schema does not declare, naming them', async () => {
      registry.add(SUBJECT, v1);

      const error = await failureOf(newSerde().encode(SUBJECT, { ...aPayment, payre: 'typo' }));

      expect(error.message).toContain('without the fields it does not declare: payre');
    });

    it('can be told to drop undeclared fields instead', async () => {
      registry.add(SUBJECT, v1);
      const serde = newSerde({ rejectUndeclaredFields: false });

      const decoded = await serde.decode(await serde.encode(SUBJECT, { ...aPayment, extra: 1 }));

      expect(decoded).toEqual(aPayment);
    });

    it('never logs the value', async () => {
      registry.add(SUBJECT, v1);

      await failureOf(newSerde().encode(SUBJECT, { ...aPayment, payer: { secret: 'Jane Doe' } }));

      expect(logged.join('')).not.toContain('Jane Doe');
    });
  });

  describe('caching', () => {
    it('shares one registry request among concurrent decodes of a new schema id', async () => {
      registry.add(SUBJECT, v1);
      const message = await newSerde().encode(SUBJECT, aPayment);
      registry.requests.length = 0;
      registry.delayMs = 50;
      const consumer = newSerde();

      const decoded = await Promise.all(Array.from({ length: 25 }, () => consumer.decode(message)));

      expect(decoded).toHaveLength(25);
      expect(registry.requests).toEqual(['GET /schemas/ids/1']);
      await consumer.decode(message);
      expect(registry.requests).toHaveLength(1);
    });

    it('shares one request among concurrent encodes to a subject', async () => {
      registry.add(SUBJECT, v1);
      registry.delayMs = 50;
      const producer = newSerde();

      await Promise.all(Array.from({ length: 10 }, () => producer.encode(SUBJECT, aPayment)));

      expect(registry.requests).toEqual([`GET /subjects/${SUBJECT}/versions/latest`]);
    });

    it('decodes what it encoded without asking again by id', async () => {
      registry.add(SUBJECT, v1);
      const serde = newSerde();

      await serde.decode(await serde.encode(SUBJECT, aPayment));

      expect(registry.requests).toEqual([`GET /subjects/${SUBJECT}/versions/latest`]);
    });

    it('remembers a 4xx answer for the failure TTL, then asks again', async () => {
      const serde = newSerde({ failureTtlMs: 30_000 });
      const unknownId = Buffer.from([0, 0, 0, 0, 99, 0]);

      const first = await failureOf(serde.decode(unknownId));
      const second = await failureOf(serde.decode(unknownId));
      clock += 29_999;
      await failureOf(serde.decode(unknownId));
      expect(registry.countOf('GET /schemas/ids/99')).toBe(1);
      clock += 1;
      await failureOf(serde.decode(unknownId));

      expect(registry.countOf('GET /schemas/ids/99')).toBe(2);
      expect(first).toBeInstanceOf(SchemaRegistryError);
      expect(first).toMatchObject({ errorCode: 40403, isRetriable: false });
      expect(second).toBe(first);
    });

    it('does not remember a 5xx answer', async () => {
      registry.add(SUBJECT, v1);
      const message = await newSerde().encode(SUBJECT, aPayment);
      registry.failNext = 1;
      const serde = newSerde();

      const failure = await failureOf(serde.decode(message));

      expect(failure).toMatchObject({ status: 500, isRetriable: true });
      await expect(serde.decode(message)).resolves.toEqual(aPayment);
    });

    it('logs a registry failure with its context and no value', async () => {
      await failureOf(newSerde().decode(Buffer.from([0, 0, 0, 0, 99])));

      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toMatchObject({
        level: 'warn',
        logger: 'AvroSerde',
        msg: 'Fetching a schema by id failed',
        schemaId: 99,
        status: 404,
        errorCode: 40403,
        retriable: false,
      });
    });

    it('trusts the latest version for the latest TTL, then sees a newer one', async () => {
      registry.add(SUBJECT, v1);
      const serde = newSerde({ latestTtlMs: 60_000 });
      const first = await serde.encode(SUBJECT, aPayment);
      registry.add(SUBJECT, v2);

      const second = await serde.encode(SUBJECT, aPayment);
      clock += 60_000;
      const third = await serde.encode(SUBJECT, aPayment);

      expect([first.readUInt32BE(1), second.readUInt32BE(1), third.readUInt32BE(1)]).toEqual([
        1, 1, 2,
      ]);
      expect(registry.countOf(`GET /subjects/${SUBJECT}/versions/latest`)).toBe(2);
    });

    it('writes with a pinned version', async () => {
      registry.add(SUBJECT, v1);
      registry.add(SUBJECT, v2);

      const message = await newSerde().encode(SUBJECT, aPayment, { version: 1 });

      expect(message.readUInt32BE(1)).toBe(1);
    });

    it('refuses a schema id that is not Avro', async () => {
      const id = registry.add('other-value', 'syntax = "proto3";', 'PROTOBUF');

      const error = await failureOf(newSerde().decode(Buffer.from([0, 0, 0, 0, id, 0])));

      expect(error).toBeInstanceOf(AvroSchemaError);
      expect(error.message).toBe(`schema id ${id} is a PROTOBUF schema; AvroSerde reads Avro only`);
    });
  });

  describe('reader schemas', () => {
    let written: { v1: Buffer; v2: Buffer; v3: Buffer };

    beforeEach(async () => {
      registry.add(SUBJECT, v1);
      registry.add(SUBJECT, v2);
      registry.add(SUBJECT, v3);
      const producer = newSerde();
      written = {
        v1: await producer.encode(SUBJECT, aPayment, { version: 1 }),
        v2: await producer.encode(
          SUBJECT,
          { ...aPayment, channel: 'DIRECT_DEBIT' },
          { version: 2 },
        ),
        v3: await producer.encode(SUBJECT, withoutPayer({ ...aPayment, channel: 'CARD' }), {
          version: 3,
        }),
      };
    });

    it('reads an older event as a newer schema, filling an added field from its default', async () => {
      const decoded = await newSerde().decode(written.v1, { readerSchema: v2 });

      expect(decoded).toEqual({ ...aPayment, channel: null });
    });

    it('reads a newer event as an older schema, skipping the field it does not know', async () => {
      const decoded = await newSerde().decode(written.v2, { readerSchema: JSON.parse(v1) });

      expect(decoded).toEqual(aPayment);
    });

    it('reads an event as the subject version pinned for it', async () => {
      const consumer = newSerde({ readerVersions: { [SUBJECT]: 2 } });

      expect(await consumer.decode(written.v1, { subject: SUBJECT })).toEqual({
        ...aPayment,
        channel: null,
      });
      expect(await consumer.decode(written.v3, { subject: SUBJECT, version: 3 })).toEqual({
        paymentId: aPayment.paymentId,
        receivedAt: aPayment.receivedAt,
        amount: aPayment.amount,
        channel: 'CARD',
      });
    });

    it('reads as the latest version when no version is pinned', async () => {
      const decoded = await newSerde().decode(written.v2, { subject: SUBJECT });

      expect(decoded).toEqual({
        paymentId: aPayment.paymentId,
        receivedAt: aPayment.receivedAt,
        amount: aPayment.amount,
        channel: 'DIRECT_DEBIT',
      });
    });

    it('says which field makes a reader unable to read an event', async () => {
      const error = await failureOf(newSerde().decode(written.v3, { readerSchema: v1 }));

      expect(error).toBeInstanceOf(SchemaResolutionError);
      expect(error.message).toBe(
        'the reader schema cannot read data written with schema id 3: ' +
          "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/payer: reader field 'payer' of record " +
          "'uk.gov.joinedup.counciltax.PaymentReceived' has no default and the writer has no such field; add a default",
      );
    });

    it("resolves plain writer types into the reader's logical types", async () => {
      const plain = JSON.stringify({
        type: 'record',
        name: 'Stamp',
        fields: [
          { name: 'at', type: 'long' },
          { name: 'on', type: 'int' },
          { name: 'amount', type: 'bytes' },
        ],
      });
      const logical = JSON.stringify({
        type: 'record',
        name: 'Stamp',
        fields: [
          { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'on', type: { type: 'int', logicalType: 'date' } },
          {
            name: 'amount',
            type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
          },
        ],
      });
      registry.add('stamp-value', plain);
      const serde = newSerde();
      const message = await serde.encode('stamp-value', {
        at: Date.UTC(2025, 3, 1),
        on: 20179,
        amount: Buffer.from([0x04, 0xd2]),
      });

      const decoded = await serde.decode(message, { readerSchema: logical });

      expect(decoded).toEqual({
        at: new Date('2025-04-01T00:00:00Z'),
        on: '2025-04-01',
        amount: '12.34',
      });
    });

    it('rejects a reader schema that is not valid', async () => {
      const error = await failureOf(newSerde().decode(written.v1, { readerSchema: '{"type":' }));

      expect(error).toBeInstanceOf(AvroSchemaError);
    });
  });
});
