import { ErrorCode } from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  partitionDir,
  produceRecords,
  readAll,
  removeDir,
  restoreLogs,
  segmentFiles,
  testLogConfig,
} from './log-test-support';
import { LogConfig, TopicConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { countExpiredSegments, RetainedSegment } from './retention';
import { buildBatch } from './test-batch';

describe(countExpiredSegments.name, () => {
  const segments: RetainedSegment[] = [
    { size: 100, maxTimestamp: 1000 },
    { size: 100, maxTimestamp: 2000 },
    { size: 100, maxTimestamp: 3000 },
  ];
  const total = 350; // the three closed segments plus 50 bytes in the active one

  it.each([
    ['keeps everything without limits', -1, -1, 0],
    ['deletes segments whose newest timestamp is past retention.ms', 1500, -1, 2],
    ['keeps a segment exactly at the cutoff', 2000, -1, 1],
    ['stops at the first segment still within retention.ms', 0, -1, 3],
    ['deletes while the rest still reaches retention.bytes', -1, 150, 2],
    ['never keeps less than retention.bytes', -1, 300, 0],
    ['may delete every closed segment by size', -1, 0, 3],
    ['applies size after time', 2500, 150, 2],
  ])('%s', (_, retentionMs, retentionBytes, expected) => {
    expect(countExpiredSegments(segments, total, { retentionMs, retentionBytes }, 4000)).toBe(
      expected,
    );
  });
});

describe('retention of a partition', () => {
  const BATCH_BYTES = buildBatch({ records: [{ key: 'key-0', value: Buffer.alloc(10) }] }).length;
  let dir: string;
  let config: LogConfig;
  let manager: LogManager;
  let sut: PartitionLog;

  async function openTopic(
    overrides: Partial<LogConfig>,
    topicConfig: TopicConfig = {},
  ): Promise<void> {
    config = testLogConfig(dir, { segmentBytes: BATCH_BYTES * 2, ...overrides });
    manager = await LogManager.open(config);
    manager.createTopic('audit', 1, topicConfig);
    sut = manager.partition('audit', 0) as PartitionLog;
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

  it('deletes closed segments older than retention.ms and advances the log start offset', async () => {
    const now = Date.now();
    await openTopic({ retentionMs: 60_000 });
    for (const age of [300_000, 300_000, 200_000, 120_000, 1_000, 0, 0]) {
      produceRecords(sut, 1, { timestamp: now - age });
    }

    expect(sut.segmentCount).toBe(4);
    manager.enforceRetention(now);

    expect(sut.logStartOffset).toBe(4);
    expect(sut.segmentCount).toBe(2);
    expect(segmentFiles(partitionDir(config, 'audit', 0), '.log')).toEqual([
      '00000000000000000004.log',
      '00000000000000000006.log',
    ]);
    expect(segmentFiles(partitionDir(config, 'audit', 0), 'index')).toHaveLength(4);
    expect(readAll(sut).map((b) => b.baseOffset)).toEqual([4, 5, 6]);
    expect(sut.sizeBytes()).toBe(BATCH_BYTES * 3);
    expect(() => sut.read(3, 1000)).toThrow(
      expect.objectContaining({ code: ErrorCode.OFFSET_OUT_OF_RANGE }),
    );
  });

  it('never deletes the active segment, however old', async () => {
    await openTopic({ retentionMs: 1, retentionBytes: 0 });
    produceRecords(sut, 1, { timestamp: 1 });
    manager.enforceRetention();
    expect([sut.segmentCount, sut.logStartOffset, sut.logEndOffset]).toEqual([1, 0, 1]);
    expect(sut.read(0, 100)).not.toBeNull();
  });

  it('deletes the oldest closed segments while the partition stays over retention.bytes', async () => {
    await openTopic({ retentionBytes: BATCH_BYTES * 3 });
    for (let i = 0; i < 7; i++) produceRecords(sut, 1);

    manager.enforceRetention();

    expect(sut.logStartOffset).toBe(4);
    expect(sut.sizeBytes()).toBe(BATCH_BYTES * 3);
    expect(readAll(sut).map((b) => b.baseOffset)).toEqual([4, 5, 6]);
  });

  it("lets the topic's retention settings override the broker's", async () => {
    await openTopic(
      { retentionMs: -1, retentionBytes: -1 },
      { 'retention.bytes': BATCH_BYTES * 2 },
    );
    for (let i = 0; i < 5; i++) produceRecords(sut, 1);
    manager.enforceRetention();
    expect(sut.logStartOffset).toBe(2);
  });

  it('keeps the new log start offset across a reopen', async () => {
    await openTopic({ retentionBytes: BATCH_BYTES });
    for (let i = 0; i < 5; i++) produceRecords(sut, 1);
    manager.enforceRetention();
    await manager.close();
    manager = await LogManager.open(config);
    sut = manager.partition('audit', 0) as PartitionLog;
    expect([sut.logStartOffset, sut.logEndOffset]).toEqual([4, 5]);
  });

  it('runs by itself every retentionCheckIntervalMs', async () => {
    await openTopic({ retentionBytes: 0, retentionCheckIntervalMs: 10 });
    for (let i = 0; i < 5; i++) produceRecords(sut, 1);
    await waitFor(() => sut.logStartOffset === 4);
    expect(sut.segmentCount).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
