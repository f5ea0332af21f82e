import * as fs from 'fs';
import * as path from 'path';
import { BATCH } from '../protocol';
import { LogManager } from './log-manager';
import {
  CapturedLog,
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
import { LogConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { buildBatch } from './test-batch';

const BATCH_BYTES = buildBatch({
  records: Array.from({ length: 5 }, () => ({ key: 'key-0', value: Buffer.alloc(10) })),
}).length;

describe('log recovery', () => {
  let dir: string;
  let config: LogConfig;
  let logs: CapturedLog[];
  const managers: LogManager[] = [];

  async function open(): Promise<PartitionLog> {
    const manager = await LogManager.open(config);
    managers.push(manager);
    return manager.partition('events', 0) as PartitionLog;
  }

  /** Writes `batches` batches of 5 records and closes the broker cleanly. */
  async function writeAndClose(batches: number): Promise<void> {
    const manager = await LogManager.open(config);
    manager.createTopic('events', 1);
    const log = manager.partition('events', 0) as PartitionLog;
    for (let i = 0; i < batches; i++) produceRecords(log, 5, { timestamp: 1000 + i });
    await manager.close();
  }

  function file(name: string): string {
    return path.join(partitionDir(config, 'events', 0), name);
  }

  function truncationWarnings(): CapturedLog[] {
    return logs.filter((l) => l.level === 'warn' && l.msg === 'truncated torn or corrupt batch');
  }

  beforeEach(() => {
    logs = captureLogs();
    dir = makeTempDir();
    config = testLogConfig(dir, { segmentBytes: BATCH_BYTES * 4, indexIntervalBytes: BATCH_BYTES });
  });

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    removeDir(dir);
    restoreLogs();
  });

  describe('torn or corrupt tail of the active segment', () => {
    const ACTIVE = '00000000000000000020.log';

    it.each([
      [
        'the file ends in the middle of the last batch',
        (f: string) => fs.truncateSync(f, BATCH_BYTES * 2 - 7),
        25,
      ],
      [
        'the file ends inside the last batch header',
        (f: string) => fs.truncateSync(f, BATCH_BYTES + 30),
        25,
      ],
      [
        'a byte of the last batch is flipped',
        (f: string) => flipByte(f, BATCH_BYTES + BATCH.HEADER_SIZE + 3),
        25,
      ],
      ['zeros follow the last batch', (f: string) => fs.appendFileSync(f, Buffer.alloc(100)), 30],
    ])('cuts the log when %s and continues at the right offset', async (_, damage, expectedEnd) => {
      await writeAndClose(6);
      damage(file(ACTIVE));

      const log = await open();

      expect(log.logEndOffset).toBe(expectedEnd);
      expect(fs.statSync(file(ACTIVE)).size).toBe(BATCH_BYTES * ((expectedEnd - 20) / 5));
      expect(readAll(log).map((b) => b.baseOffset)).toEqual(
        [0, 5, 10, 15, 20, 25].filter((o) => o < expectedEnd),
      );
      expect(produceRecords(log, 5).baseOffset).toBe(expectedEnd);
      expect(truncationWarnings()).toHaveLength(1);
    });

    it('logs one warning naming topic, partition, position and reason', async () => {
      await writeAndClose(6);
      flipByte(file(ACTIVE), BATCH_BYTES + BATCH.HEADER_SIZE + 3);
      await open();
      expect(truncationWarnings()).toEqual([
        expect.objectContaining({
          logger: 'PartitionLog',
          topic: 'events',
          partition: 0,
          segment: 20,
          position: BATCH_BYTES,
          reason: 'CRC-32C mismatch',
        }),
      ]);
    });

    it('drops every batch after a corrupt one in the middle, keeping offsets contiguous', async () => {
      await writeAndClose(7);
      flipByte(file(ACTIVE), BATCH_BYTES + 70);
      const log = await open();
      expect(log.logEndOffset).toBe(25);
      expect(readAll(log).map((b) => b.baseOffset)).toEqual([0, 5, 10, 15, 20]);
    });

    it('opens cleanly the second time, with nothing left to cut', async () => {
      await writeAndClose(6);
      fs.truncateSync(file(ACTIVE), BATCH_BYTES + 10);
      await (await open()).waitDurable(-1);
      await managers.pop()?.close();
      const log = await open();
      expect(log.logEndOffset).toBe(25);
      expect(truncationWarnings()).toHaveLength(1);
    });
  });

  it('recovers a copy of the directory taken while the broker runs, as after kill -9', async () => {
    const manager = await LogManager.open(config);
    managers.push(manager);
    manager.createTopic('events', 1);
    const live = manager.partition('events', 0) as PartitionLog;
    for (let i = 0; i < 9; i++) produceRecords(live, 5);
    const crashed = makeTempDir();
    try {
      fs.cpSync(dir, crashed, { recursive: true });
      const copy = await LogManager.open({ ...config, dir: crashed });
      managers.push(copy);
      const log = copy.partition('events', 0) as PartitionLog;
      expect([log.logStartOffset, log.logEndOffset]).toEqual([0, 45]);
      expect(readAll(log)).toEqual(readAll(live));
    } finally {
      await managers.pop()?.close();
      removeDir(crashed);
    }
  });

  describe('index files', () => {
    it.each([
      [
        '.index of a closed segment is deleted',
        '00000000000000000000.index',
        (f: string) => fs.unlinkSync(f),
      ],
      [
        '.timeindex of a closed segment is deleted',
        '00000000000000000000.timeindex',
        (f: string) => fs.unlinkSync(f),
      ],
      [
        '.index is cut mid-entry',
        '00000000000000000000.index',
        (f: string) => fs.truncateSync(f, 5),
      ],
      [
        '.index lost its last entries',
        '00000000000000000000.index',
        (f: string) => fs.truncateSync(f, 8),
      ],
      ['.index is empty', '00000000000000000000.index', (f: string) => fs.truncateSync(f, 0)],
      [
        '.index of the active segment is deleted',
        '00000000000000000020.index',
        (f: string) => fs.unlinkSync(f),
      ],
      [
        '.index holds garbage',
        '00000000000000000000.index',
        (f: string) => fs.writeFileSync(f, Buffer.alloc(24, 0xff)),
      ],
    ])('rebuilds them when the %s', async (_, name, damage) => {
      await writeAndClose(7);
      const before = fs.readFileSync(file(name));
      const timeBefore = fs.readFileSync(file(name.replace(/\.(time)?index$/, '.timeindex')));
      damage(file(name));

      const log = await open();

      expect(fs.readFileSync(file(name))).toEqual(before);
      expect(fs.readFileSync(file(name.replace(/\.(time)?index$/, '.timeindex')))).toEqual(
        timeBefore,
      );
      expect(readAll(log).map((b) => b.baseOffset)).toEqual([0, 5, 10, 15, 20, 25, 30]);
      expect([1002, 1005].map((t) => log.offsetForTimestamp(t))).toEqual([10, 25]);
    });

    it('removes index files whose segment is gone and leftover temp files', async () => {
      await writeAndClose(2);
      fs.writeFileSync(file('00000000000000000099.index'), Buffer.alloc(8));
      fs.writeFileSync(file('00000000000000000099.timeindex'), Buffer.alloc(12));
      fs.writeFileSync(file('topic.json.tmp'), '{');
      await open();
      expect(fs.readdirSync(partitionDir(config, 'events', 0)).sort()).toEqual([
        '00000000000000000000.index',
        '00000000000000000000.log',
        '00000000000000000000.timeindex',
        'topic.json',
      ]);
    });
  });

  describe('damaged closed segment', () => {
    it('cuts it, deletes the later segments and continues from its end', async () => {
      await writeAndClose(10);
      fs.truncateSync(file('00000000000000000020.log'), BATCH_BYTES * 2 + 9);

      const log = await open();

      expect(log.logEndOffset).toBe(30);
      expect(segmentFiles(partitionDir(config, 'events', 0), '.log')).toEqual([
        '00000000000000000000.log',
        '00000000000000000020.log',
      ]);
      expect(readAll(log).map((b) => b.baseOffset)).toEqual([0, 5, 10, 15, 20, 25]);
      expect(produceRecords(log, 5).baseOffset).toBe(30);
      expect(truncationWarnings()).toHaveLength(1);
    });

    it('detects a closed segment that lost its last batch at a batch boundary', async () => {
      await writeAndClose(10);
      fs.truncateSync(file('00000000000000000000.log'), BATCH_BYTES * 3);
      const log = await open();
      expect(log.logEndOffset).toBe(15);
      expect(segmentFiles(partitionDir(config, 'events', 0), '.log')).toEqual([
        '00000000000000000000.log',
      ]);
    });
  });
});

function flipByte(file: string, position: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, position);
    byte[0] ^= 0xff;
    fs.writeSync(fd, byte, 0, 1, position);
  } finally {
    fs.closeSync(fd);
  }
}
