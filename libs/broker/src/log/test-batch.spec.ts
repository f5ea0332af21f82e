import { BATCH, batchCrcMatches, readBatchHeader, validateProducedBatches } from '../protocol';
import { buildBatch, decodeBatch, decodeBatches } from './test-batch';

/* eslint-disable @typescript-eslint/no-require-imports */
const { RecordBatch: KafkaJsRecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (o: object) => Promise<{ buffer: Buffer }>;
};
const KafkaJsRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (
  o: object,
) => unknown;
const KafkaJsDecoder = require('kafkajs/src/protocol/decoder') as new (buf: Buffer) => unknown;
const decodeKafkaJsBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  d: unknown,
) => Promise<{
  records: {
    key: Buffer | null;
    value: Buffer | null;
    offset: string;
    timestamp: string;
    headers: Record<string, Buffer>;
  }[];
}>;
/* eslint-enable @typescript-eslint/no-require-imports */

describe('buildBatch', () => {
  const records = [
    { key: 'a', value: 'first', timestamp: 1_700_000_000_000 },
    {
      key: null,
      value: Buffer.from([0, 1, 2]),
      timestamp: 1_699_999_999_000,
      headers: [{ key: 'h', value: 'v' }],
    },
    { key: 'c', value: null, timestamp: 1_700_000_000_500 },
  ];

  it('writes a batch that validateProducedBatches accepts, with a matching CRC-32C', () => {
    const batch = buildBatch({ records, producerId: 42, epoch: 3, baseSequence: 7 });
    const [header] = validateProducedBatches(batch, 1 << 20);
    expect(batchCrcMatches(batch, 0, batch.length)).toBe(true);
    expect(header).toMatchObject({
      size: batch.length,
      lastOffsetDelta: 2,
      recordsCount: 3,
      baseTimestamp: 1_700_000_000_000,
      maxTimestamp: 1_700_000_000_500,
      producerId: 42,
      producerEpoch: 3,
      baseSequence: 7,
    });
  });

  it('defaults to a non-idempotent producer (-1/-1/-1) and leader epoch -1, as librdkafka sends', () => {
    const header = readBatchHeader(buildBatch({ records: [{ value: 'x' }] }), 0);
    expect(header).toMatchObject({
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      attributes: 0,
    });
    expect(buildBatch({ records: [{ value: 'x' }] }).readInt32BE(BATCH.LEADER_EPOCH)).toBe(-1);
  });

  it('produces byte for byte what kafkajs 2.2.4 encodes for the same records', async () => {
    const simple = [
      { key: 'k1', value: 'v1', timestamp: 1000 },
      { key: 'k2', value: 'v2', timestamp: 1003, headers: [{ key: 'trace', value: 'abc' }] },
    ];
    const ours = buildBatch({
      records: simple,
      producerId: -1,
      epoch: 0,
      baseSequence: 0,
      partitionLeaderEpoch: 0,
    });
    const theirs = await KafkaJsRecordBatch({
      firstTimestamp: 1000,
      maxTimestamp: 1003,
      lastOffsetDelta: 1,
      records: [
        KafkaJsRecord({
          offsetDelta: 0,
          timestampDelta: 0,
          key: Buffer.from('k1'),
          value: Buffer.from('v1'),
        }),
        KafkaJsRecord({
          offsetDelta: 1,
          timestampDelta: 3,
          key: Buffer.from('k2'),
          value: Buffer.from('v2'),
          headers: { trace: Buffer.from('abc') },
        }),
      ],
    });
    expect(ours.equals(theirs.buffer)).toBe(true);
  });

  it.each(['none', 'gzip'] as const)(
    'round-trips records through kafkajs decoding (%s)',
    async (compression) => {
      const batch = buildBatch({ records, compression, baseOffset: 100 });
      const decoded = await decodeKafkaJsBatch(new KafkaJsDecoder(batch));
      expect(
        decoded.records.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value]),
      ).toEqual([
        ['100', '1700000000000', 'a', Buffer.from('first')],
        ['101', '1699999999000', null, Buffer.from([0, 1, 2])],
        ['102', '1700000000500', 'c', null],
      ]);
      expect(decoded.records[1].headers).toEqual({ h: Buffer.from('v') });
    },
  );

  it('decodes its own batches, including negative timestamp deltas and headers', () => {
    const batch = buildBatch({ records, compression: 'gzip', baseOffset: 5 });
    expect(decodeBatch(batch)).toEqual([
      {
        offset: 5,
        timestamp: 1_700_000_000_000,
        key: Buffer.from('a'),
        value: Buffer.from('first'),
        headers: [],
      },
      {
        offset: 6,
        timestamp: 1_699_999_999_000,
        key: null,
        value: Buffer.from([0, 1, 2]),
        headers: [{ key: 'h', value: Buffer.from('v') }],
      },
      { offset: 7, timestamp: 1_700_000_000_500, key: Buffer.from('c'), value: null, headers: [] },
    ]);
  });

  it('decodes consecutive batches and ignores a truncated last one', () => {
    const a = buildBatch({ records: [{ value: 'a' }] });
    const b = buildBatch({ records: [{ value: 'b' }], baseOffset: 1 });
    const values = decodeBatches(Buffer.concat([a, b, b.subarray(0, 20)])).map((r) =>
      r.value?.toString(),
    );
    expect(values).toEqual(['a', 'b']);
  });

  it('sets the transactional and control attribute bits when asked', () => {
    const batch = buildBatch({ records: [{ value: 'x' }], transactional: true, control: true });
    expect(readBatchHeader(batch, 0).attributes & 0x30).toBe(0x30);
  });

  it('refuses an empty batch', () => {
    expect(() => buildBatch({ records: [] })).toThrow(RangeError);
  });
});
