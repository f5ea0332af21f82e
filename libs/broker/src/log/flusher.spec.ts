import { ErrorCode } from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  produceRecords,
  removeDir,
  restoreLogs,
  testLogConfig,
} from './log-test-support';
import { FlushMode } from './log-types';
import { PartitionLog } from './partition-log';
import { SyncableFile } from './syncable-file';

type FsyncCallback = (err: Error | undefined) => void;

describe('flush policy and group commit', () => {
  let dir: string;
  let manager: LogManager;

  async function openTopic(
    mode: FlushMode,
    partitions = 1,
    intervalMs = 0,
  ): Promise<PartitionLog[]> {
    manager = await LogManager.open(testLogConfig(dir, { flush: { mode, intervalMs } }));
    manager.createTopic('letters', partitions);
    await manager.flushAll();
    return Array.from(
      { length: partitions },
      (_, p) => manager.partition('letters', p) as PartitionLog,
    );
  }

  /** Holds every file fsync until release() is called, then runs it (or fails it with `err`). */
  function holdFsyncs(): { held: FsyncCallback[]; release: (err?: Error) => void } {
    const held: FsyncCallback[] = [];
    const original = SyncableFile.prototype.fsync;
    jest.spyOn(SyncableFile.prototype, 'fsync').mockImplementation(function (this: SyncableFile) {
      return new Promise<void>((resolve, reject) => {
        held.push((err) => {
          if (err) reject(err);
          else original.call(this).then(resolve, reject);
        });
      });
    });
    return {
      held,
      release: (err) => {
        jest.restoreAllMocks();
        for (const cb of held.splice(0)) cb(err);
      },
    };
  }

  function isSettled(promise: Promise<unknown>): Promise<boolean> {
    const marker = Symbol('pending');
    return Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      new Promise((r) => setImmediate(() => r(marker))),
    ]).then((v) => v !== marker);
  }

  beforeEach(() => {
    captureLogs();
    dir = makeTempDir();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await manager.close();
    removeDir(dir);
    restoreLogs();
  });

  it('answers acks=-1 only after an fsync that covers the append', async () => {
    const [log] = await openTopic('acks-all');
    const gate = holdFsyncs();
    produceRecords(log, 3);
    const durable = log.waitDurable(-1);

    await new Promise((r) => setImmediate(r));
    expect(gate.held.length).toBeGreaterThan(0);
    expect(await isSettled(durable)).toBe(false);

    gate.release();
    await expect(durable).resolves.toBeUndefined();
  });

  it('shares one fsync among 50 concurrent acks=-1 appends', async () => {
    const [log] = await openTopic('acks-all');
    const fsyncsBefore = manager.fsyncCount;
    const waits = Array.from({ length: 50 }, () => {
      produceRecords(log, 1);
      return log.waitDurable(-1);
    });
    await Promise.all(waits);
    expect(manager.fsyncCount - fsyncsBefore).toBeLessThanOrEqual(2);
  });

  it('makes appenders that arrive during an fsync share the next single fsync', async () => {
    const [log] = await openTopic('acks-all');
    const gate = holdFsyncs();
    produceRecords(log, 1);
    const first = log.waitDurable(-1);
    await new Promise((r) => setImmediate(r));
    const cyclesBefore = manager.flushCycleCount;

    const later = Array.from({ length: 20 }, () => {
      produceRecords(log, 1);
      return log.waitDurable(-1);
    });
    expect(await isSettled(Promise.race(later))).toBe(false);
    gate.release();
    await Promise.all([first, ...later]);

    expect(manager.flushCycleCount - cyclesBefore).toBe(1);
  });

  it('flushes every dirty partition in one cycle', async () => {
    const logs = await openTopic('acks-all', 10);
    const cyclesBefore = manager.flushCycleCount;
    const fsyncsBefore = manager.fsyncCount;
    await Promise.all(
      logs.map((log) => {
        produceRecords(log, 1);
        return log.waitDurable(-1);
      }),
    );
    expect(manager.flushCycleCount - cyclesBefore).toBe(1);
    expect(manager.fsyncCount - fsyncsBefore).toBe(10);
  });

  it.each<[FlushMode, number, boolean]>([
    ['acks-all', -1, true],
    ['acks-all', 1, false],
    ['acks-all', 0, false],
    ['every-ack', -1, true],
    ['every-ack', 1, true],
    ['every-ack', 0, false],
    ['interval', -1, false],
    ['interval', 1, false],
  ])('in %s mode, acks=%i waits for an fsync: %s', async (mode, acks, waits) => {
    const [log] = await openTopic(mode);
    const fsyncsBefore = manager.fsyncCount;
    produceRecords(log, 1, {});
    const durable = log.waitDurable(acks);
    expect(await isSettled(durable)).toBe(!waits);
    await durable;
    expect(manager.fsyncCount > fsyncsBefore).toBe(waits);
  });

  it.each<FlushMode>(['acks-all', 'interval'])(
    'fsyncs dirty partitions every intervalMs in %s mode',
    async (mode) => {
      const [log] = await openTopic(mode, 1, 20);
      const fsyncsBefore = manager.fsyncCount;
      produceRecords(log, 1);
      await log.waitDurable(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(manager.fsyncCount).toBeGreaterThan(fsyncsBefore);
    },
  );

  it('flushAll resolves once everything appended is on disk', async () => {
    const [log] = await openTopic('interval');
    const fsyncsBefore = manager.fsyncCount;
    produceRecords(log, 1);
    await manager.flushAll();
    expect(manager.fsyncCount).toBeGreaterThan(fsyncsBefore);
    expect(await isSettled(log.waitDurable(-1))).toBe(true);
  });

  it('lets close() finish the flushes that waiters are waiting for', async () => {
    const [log] = await openTopic('acks-all');
    produceRecords(log, 1);
    const durable = log.waitDurable(-1);
    await manager.close();
    await expect(durable).resolves.toBeUndefined();
  });

  it('rejects the waiters of a failed fsync and succeeds on the next one', async () => {
    const [log] = await openTopic('acks-all');
    const gate = holdFsyncs();
    produceRecords(log, 1);
    const failing = log.waitDurable(-1);
    await new Promise((r) => setImmediate(r));
    gate.release(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));

    await expect(failing).rejects.toMatchObject({ code: ErrorCode.UNKNOWN_SERVER_ERROR });
    produceRecords(log, 1);
    await expect(log.waitDurable(-1)).resolves.toBeUndefined();
  });
});
