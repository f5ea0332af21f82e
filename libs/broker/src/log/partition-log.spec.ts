import * as fs from 'fs';
import * as path from 'path';
import {
  BATCH,
  batchCrcMatches,
  ErrorCode,
  readBatchHeader,
  validateProducedBatches,
} from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  partitionDir,
  produce,
  produceRecords,
  readAll,
  removeDir,
  restoreLogs,
  segmentFiles,
  testLogConfig,
} from './log-test-support';
import { LogConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { buildBatch, decodeBatches } from './test-batch';

describe(PartitionLog.name, () => {
  let dir: string;
  let config: LogConfig;
  let manager: LogManager;
  let sut: PartitionLog;

  async function openTopic(overrides: Partial<LogConfig> = {}, topicConfig = {}): Promise<void> {
    config = testLogConfig(dir, overrides);
    manager = await LogManager.open(config);
    manager.createTopic('orders', 1, topicConfig);
    sut = manager.partition('orders', 0) as PartitionLog;
  }

  async function reopen(): Promise<void> {
    await manager.close();
    manager = await LogManager.open(config);
    sut = manager.partition('orders', 0) as PartitionLog;
  }

  beforeEach(() => {
    captureLogs();
    dir = makeTempDir();
  });

  afterEach(async () => {
    await manager.close();
    removeDir(dir);
    restoreLogs();
  });

  describe('append and read', () => {
    beforeEach(() => openTopic());

    it('assigns consecutive offsets from 0 and reports them', () => {
      expect(produceRecords(sut, 3)).toEqual({
        baseOffset: 0,
        lastOffset: 2,
        logStartOffset: 0,
        duplicate: false,
      });
      expect(produceRecords(sut, 2)).toEqual({
        baseOffset: 3,
        lastOffset: 4,
        logStartOffset: 0,
        duplicate: false,
      });
      expect(sut.logStartOffset).toBe(0);
      expect(sut.logEndOffset).toBe(5);
    });

    it('rewrites baseOffset and partitionLeaderEpoch in place and keeps the CRC valid', () => {
      produceRecords(sut, 4);
      const batch = buildBatch({
        records: [{ value: 'x' }, { value: 'y' }],
        baseOffset: 999,
        partitionLeaderEpoch: 77,
      });
      const headers = validateProducedBatches(batch, 1 << 20);
      sut.append(batch, headers, -1);

      expect(headers[0].baseOffset).toBe(4);
      expect(batch.readInt32BE(BATCH.LEADER_EPOCH)).toBe(0);
      expect(Number(batch.readBigInt64BE(BATCH.BASE_OFFSET))).toBe(4);
      const stored = sut.read(4, 1 << 20) as Buffer;
      expect(stored.equals(batch)).toBe(true);
      expect(stored.readInt32BE(BATCH.LEADER_EPOCH)).toBe(0);
      expect(batchCrcMatches(stored, 0, stored.length)).toBe(true);
      expect(decodeBatches(stored).map((r) => [r.offset, r.value?.toString()])).toEqual([
        [4, 'x'],
        [5, 'y'],
      ]);
    });

    it('stores every batch of a multi-batch request with contiguous offsets', () => {
      const first = buildBatch({ records: [{ value: 'a' }, { value: 'b' }] });
      const second = buildBatch({ records: [{ value: 'c' }] });
      expect(produce(sut, [first, second])).toMatchObject({ baseOffset: 0, lastOffset: 2 });
      expect(readAll(sut)).toEqual([
        { baseOffset: 0, count: 2 },
        { baseOffset: 2, count: 1 },
      ]);
    });

    it('returns the whole containing batch for a fetch offset in the middle of it', () => {
      produceRecords(sut, 5);
      produceRecords(sut, 5);
      const data = sut.read(7, 1 << 20) as Buffer;
      expect(readBatchHeader(data, 0)).toMatchObject({
        baseOffset: 5,
        lastOffsetDelta: 4,
        size: data.length,
      });
    });

    it('returns the first batch whole even when maxBytes is smaller than it', () => {
      produceRecords(sut, 50, { valueBytes: 100 });
      produceRecords(sut, 1);
      const data = sut.read(0, 10) as Buffer;
      expect(data.length).toBeGreaterThan(5000);
      expect(readBatchHeader(data, 0)).toMatchObject({ baseOffset: 0, size: data.length });
    });

    it('returns as many whole batches as fit in maxBytes and never a partial one', () => {
      const batch = (): Buffer => buildBatch({ records: [{ value: Buffer.alloc(200) }] });
      const size = batch().length;
      for (let i = 0; i < 4; i++) produce(sut, batch());
      expect((sut.read(0, size * 2 + 10) as Buffer).length).toBe(size * 2);
      expect(readAll(sut, 0, size * 2 + 10).map((b) => b.baseOffset)).toEqual([0, 1, 2, 3]);
    });

    it('returns null at the log end', () => {
      expect(sut.read(0, 1024)).toBeNull();
      produceRecords(sut, 2);
      expect(sut.read(2, 1024)).toBeNull();
    });

    it.each([
      ['beyond the log end', 3],
      ['negative', -1],
    ])('answers OFFSET_OUT_OF_RANGE for an offset %s', (_, offset) => {
      produceRecords(sut, 2);
      expect(() => sut.read(offset, 1024)).toThrow(
        expect.objectContaining({ code: ErrorCode.OFFSET_OUT_OF_RANGE }),
      );
    });

    it('reports its size in bytes', () => {
      const a = produce(sut, buildBatch({ records: [{ value: 'a' }] }));
      expect(a.baseOffset).toBe(0);
      expect(sut.sizeBytes()).toBe(buildBatch({ records: [{ value: 'a' }] }).length);
    });
  });

  describe('segments', () => {
    const batchBytes = buildBatch({
      records: Array.from({ length: 10 }, () => ({ key: 'key-0', value: Buffer.alloc(10) })),
    }).length;

    it('rolls a new segment once segment.bytes would be exceeded and names it by its base offset', async () => {
      await openTopic({ segmentBytes: batchBytes * 3 });
      for (let i = 0; i < 7; i++) produceRecords(sut, 10);

      expect(sut.segmentCount).toBe(3);
      expect(segmentFiles(partitionDir(config, 'orders', 0), '.log')).toEqual([
        '00000000000000000000.log',
        '00000000000000000030.log',
        '00000000000000000060.log',
      ]);
    });

    it('serves reads from every segment, including an offset inside an old segment', async () => {
      await openTopic({ segmentBytes: batchBytes * 3, indexIntervalBytes: 1 });
      for (let i = 0; i < 10; i++) produceRecords(sut, 10);

      expect(readAll(sut).map((b) => b.baseOffset)).toEqual([
        0, 10, 20, 30, 40, 50, 60, 70, 80, 90,
      ]);
      for (const offset of [0, 15, 29, 30, 47, 99]) {
        const data = sut.read(offset, 1) as Buffer;
        expect(readBatchHeader(data, 0).baseOffset).toBe(Math.floor(offset / 10) * 10);
      }
    });

    it('never returns data from two segments in one read', async () => {
      await openTopic({ segmentBytes: batchBytes * 2 });
      for (let i = 0; i < 4; i++) produceRecords(sut, 10);
      expect((sut.read(0, 1 << 20) as Buffer).length).toBe(batchBytes * 2);
    });

    it("uses the topic's segment.bytes over the broker default", async () => {
      await openTopic({ segmentBytes: 1 << 20 }, { 'segment.bytes': batchBytes });
      for (let i = 0; i < 3; i++) produceRecords(sut, 10);
      expect(sut.segmentCount).toBe(3);
    });

    it('puts a batch larger than segment.bytes alone in its own segment', async () => {
      await openTopic({ segmentBytes: 200 });
      produceRecords(sut, 1);
      produceRecords(sut, 40);
      produceRecords(sut, 1);
      expect(sut.segmentCount).toBe(3);
      expect(readAll(sut).map((b) => b.baseOffset)).toEqual([0, 1, 41]);
    });

    it('writes a sparse offset index entry every indexIntervalBytes and a time index', async () => {
      await openTopic({ indexIntervalBytes: batchBytes * 2 });
      for (let i = 0; i < 7; i++) produceRecords(sut, 10, { timestamp: 1000 + i });

      const partition = partitionDir(config, 'orders', 0);
      const index = fs.readFileSync(path.join(partition, '00000000000000000000.index'));
      const entries = [0, 8, 16].map((at) => [index.readInt32BE(at), index.readInt32BE(at + 4)]);
      expect(index.length).toBe(24);
      expect(entries).toEqual([
        [20, batchBytes * 2],
        [40, batchBytes * 4],
        [60, batchBytes * 6],
      ]);
      const timeIndex = fs.readFileSync(path.join(partition, '00000000000000000000.timeindex'));
      expect(timeIndex.length).toBe(36);
      expect([Number(timeIndex.readBigInt64BE(0)), timeIndex.readInt32BE(8)]).toEqual([1001, 20]);
      expect([Number(timeIndex.readBigInt64BE(24)), timeIndex.readInt32BE(32)]).toEqual([1005, 60]);
    });
  });

  describe('offsetForTimestamp', () => {
    const batchBytes = buildBatch({ records: [{ key: 'key-0', value: Buffer.alloc(10) }] }).length;

    beforeEach(async () => {
      await openTopic({ segmentBytes: batchBytes * 4, indexIntervalBytes: 1 });
      // Client timestamps need not increase: offset 5 carries an older one than offset 4.
      for (const timestamp of [100, 200, 300, 400, 500, 450, 600, 700, 800, 900]) {
        produceRecords(sut, 1, { timestamp });
      }
    });

    it.each([
      [0, 0],
      [100, 0],
      [101, 1],
      [450, 4],
      [500, 4],
      [501, 6],
      [650, 7],
      [900, 9],
    ])('finds the first batch whose max timestamp reaches %i at offset %i', (timestamp, offset) => {
      expect(sut.offsetForTimestamp(timestamp)).toBe(offset);
    });

    it('returns the log end offset when every timestamp is older', () => {
      expect(sut.offsetForTimestamp(901)).toBe(10);
    });

    it('answers the same after a reopen, from index files alone', async () => {
      await reopen();
      expect([100, 101, 501, 650, 901].map((t) => sut.offsetForTimestamp(t))).toEqual([
        0, 1, 6, 7, 10,
      ]);
    });
  });

  describe('reopen', () => {
    it('restores offsets, sizes, segments and contents after a clean close', async () => {
      const batchBytes = buildBatch({
        records: [{ key: 'key-0', value: Buffer.alloc(10) }],
      }).length;
      await openTopic({ segmentBytes: batchBytes * 5 + 1, indexIntervalBytes: batchBytes * 2 });
      for (let i = 0; i < 23; i++) produceRecords(sut, 1, { timestamp: 5000 + i });
      const before = {
        start: sut.logStartOffset,
        end: sut.logEndOffset,
        size: sut.sizeBytes(),
        segments: sut.segmentCount,
        data: sut.read(7, 1 << 20),
        batches: readAll(sut),
      };

      await reopen();

      expect({
        start: sut.logStartOffset,
        end: sut.logEndOffset,
        size: sut.sizeBytes(),
        segments: sut.segmentCount,
        data: sut.read(7, 1 << 20),
        batches: readAll(sut),
      }).toEqual(before);
      expect(produceRecords(sut, 1).baseOffset).toBe(23);
    });

    it('reopens an empty partition at offset 0', async () => {
      await openTopic();
      await reopen();
      expect([sut.logStartOffset, sut.logEndOffset, sut.read(0, 100)]).toEqual([0, 0, null]);
    });
  });

  describe('after close or delete', () => {
    beforeEach(() => openTopic());

    it('refuses appends and reads on a deleted topic with UNKNOWN_TOPIC_OR_PARTITION', () => {
      produceRecords(sut, 1);
      manager.deleteTopic('orders');
      expect(() => produceRecords(sut, 1)).toThrow(
        expect.objectContaining({ code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }),
      );
      expect(() => sut.read(0, 100)).toThrow(
        expect.objectContaining({ code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }),
      );
    });

    it('refuses appends once the manager is closed, with a retriable error', async () => {
      await manager.close();
      expect(() => produceRecords(sut, 1)).toThrow(
        expect.objectContaining({ code: ErrorCode.NOT_LEADER_OR_FOLLOWER }),
      );
    });
  });
});
