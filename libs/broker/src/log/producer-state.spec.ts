import { ErrorCode } from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  produce,
  removeDir,
  restoreLogs,
  testLogConfig,
} from './log-test-support';
import { LogConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { incrementSequence } from './producer-state';
import { buildBatch } from './test-batch';

const INT32_MAX = 2 ** 31 - 1;

describe(incrementSequence.name, () => {
  it.each([
    [0, 0, 0],
    [5, 3, 8],
    [INT32_MAX - 1, 1, INT32_MAX],
    [INT32_MAX, 1, 0],
    [INT32_MAX - 1, 4, 2],
  ])('%i + %i wraps to %i', (sequence, increment, expected) => {
    expect(incrementSequence(sequence, increment)).toBe(expected);
  });
});

describe('idempotent producer checks', () => {
  let dir: string;
  let config: LogConfig;
  let manager: LogManager;
  let sut: PartitionLog;

  /** A batch of `count` records from producer 7 (epoch 0 unless given). */
  function send(baseSequence: number, count = 2, epoch = 0, producerId = 7) {
    const records = Array.from({ length: count }, (_, i) => ({ value: `v${baseSequence + i}` }));
    return produce(sut, buildBatch({ records, producerId, epoch, baseSequence }));
  }

  function expectUnchangedBy(action: () => unknown, code: ErrorCode): void {
    const before = [sut.logEndOffset, sut.sizeBytes()];
    expect(action).toThrow(expect.objectContaining({ code }));
    expect([sut.logEndOffset, sut.sizeBytes()]).toEqual(before);
  }

  async function reopen(): Promise<void> {
    await manager.close();
    manager = await LogManager.open(config);
    sut = manager.partition('payments', 0) as PartitionLog;
  }

  beforeEach(async () => {
    captureLogs();
    dir = makeTempDir();
    const batchBytes = buildBatch({
      records: [{ value: 'v0' }, { value: 'v1' }],
      producerId: 7,
      epoch: 0,
      baseSequence: 0,
    }).length;
    config = testLogConfig(dir, { segmentBytes: batchBytes * 3 });
    manager = await LogManager.open(config);
    manager.createTopic('payments', 1);
    sut = manager.partition('payments', 0) as PartitionLog;
  });

  afterEach(async () => {
    await manager.close();
    removeDir(dir);
    restoreLogs();
  });

  it('answers a resend of the last batch with its original offsets and writes nothing', () => {
    send(0);
    send(2);
    const size = sut.sizeBytes();
    expect(send(2)).toEqual({ baseOffset: 2, lastOffset: 3, logStartOffset: 0, duplicate: true });
    expect([sut.logEndOffset, sut.sizeBytes()]).toEqual([4, size]);
  });

  it('recognises a resend of any of the last five batches', () => {
    for (let seq = 0; seq < 12; seq += 2) send(seq);
    expect(send(2)).toMatchObject({ baseOffset: 2, lastOffset: 3, duplicate: true });
    expect(send(6)).toMatchObject({ baseOffset: 6, duplicate: true });
    expect(sut.logEndOffset).toBe(12);
  });

  it('rejects a resend older than the last five batches as out of order', () => {
    for (let seq = 0; seq < 12; seq += 2) send(seq);
    expectUnchangedBy(() => send(0), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  });

  it('rejects a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    send(0);
    expectUnchangedBy(() => send(5), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(send(2).baseOffset).toBe(2);
  });

  it('fences an older epoch with INVALID_PRODUCER_EPOCH', () => {
    send(0, 2, 3);
    expectUnchangedBy(() => send(2, 2, 2), ErrorCode.INVALID_PRODUCER_EPOCH);
  });

  it('accepts a newer epoch starting at sequence 0 and fences the old one after it', () => {
    send(0, 2, 0);
    send(2, 2, 0);
    expect(send(0, 2, 1)).toMatchObject({ baseOffset: 4, duplicate: false });
    expectUnchangedBy(() => send(4, 2, 0), ErrorCode.INVALID_PRODUCER_EPOCH);
  });

  it('rejects a newer epoch that does not start at sequence 0', () => {
    send(0, 2, 0);
    expectUnchangedBy(() => send(2, 2, 1), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  });

  it('accepts an unknown producer at any sequence, as after its state was lost', () => {
    expect(send(1234).duplicate).toBe(false);
    expect(send(1236).duplicate).toBe(false);
  });

  it('follows sequences across the wrap from 2^31 - 1 to 0', () => {
    send(INT32_MAX - 2, 2);
    send(INT32_MAX, 3);
    expect(send(2).baseOffset).toBe(5);
    expect(send(INT32_MAX, 3)).toMatchObject({ baseOffset: 2, duplicate: true });
  });

  it('skips every check for producer id -1', () => {
    const batch = (): Buffer => buildBatch({ records: [{ value: 'x' }] });
    produce(sut, batch());
    expect(produce(sut, batch())).toMatchObject({ baseOffset: 1, duplicate: false });
  });

  it('keeps producers apart', () => {
    send(0, 2, 0, 1);
    send(0, 2, 0, 2);
    expect(send(0, 2, 0, 1)).toMatchObject({ baseOffset: 0, duplicate: true });
    expect(send(2, 2, 0, 2)).toMatchObject({ baseOffset: 4, duplicate: false });
  });

  it('accepts consecutive batches of one producer in a single request', () => {
    const first = buildBatch({
      records: [{ value: 'a' }],
      producerId: 7,
      epoch: 0,
      baseSequence: 0,
    });
    const second = buildBatch({
      records: [{ value: 'b' }],
      producerId: 7,
      epoch: 0,
      baseSequence: 1,
    });
    expect(produce(sut, [first, second])).toMatchObject({ baseOffset: 0, lastOffset: 1 });
  });

  it('rejects a request that mixes a resent batch with a new one', () => {
    send(0, 1);
    const resent = buildBatch({
      records: [{ value: 'v0' }],
      producerId: 7,
      epoch: 0,
      baseSequence: 0,
    });
    const next = buildBatch({
      records: [{ value: 'v1' }],
      producerId: 7,
      epoch: 0,
      baseSequence: 1,
    });
    expectUnchangedBy(() => produce(sut, [resent, next]), ErrorCode.DUPLICATE_SEQUENCE_NUMBER);
  });

  it('rebuilds its state from batch headers when the log is reopened', async () => {
    send(0);
    send(2);
    await reopen();
    expect(send(2)).toMatchObject({ baseOffset: 2, duplicate: true });
    expectUnchangedBy(() => send(9), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(send(4).baseOffset).toBe(4);
  });

  it('remembers batches written just before a segment roll across a reopen', async () => {
    for (let seq = 0; seq < 6; seq += 2) send(seq, 2, 0, 8);
    send(0, 2, 0, 9);
    expect(sut.segmentCount).toBe(2);
    await reopen();
    expect(send(4, 2, 0, 8)).toMatchObject({ baseOffset: 4, duplicate: true });
    expect(send(0, 2, 0, 9)).toMatchObject({ baseOffset: 6, duplicate: true });
  });

  it('forgets producers whose batches retention deleted', async () => {
    await manager.close();
    config = { ...config, retentionBytes: 0 };
    manager = await LogManager.open(config);
    sut = manager.partition('payments', 0) as PartitionLog;
    send(0, 2, 0, 8);
    for (let seq = 0; seq < 8; seq += 2) send(seq, 2, 0, 9);
    manager.enforceRetention();
    expect(sut.logStartOffset).toBeGreaterThan(2);
    expect(send(40, 2, 0, 8).duplicate).toBe(false);
    expectUnchangedBy(() => send(40, 2, 0, 9), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
  });
});
