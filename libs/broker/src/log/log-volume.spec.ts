import { validateProducedBatches } from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  readAll,
  removeDir,
  restoreLogs,
  testLogConfig,
} from './log-test-support';
import { PartitionLog } from './partition-log';
import { buildBatch, sequentialRecords } from './test-batch';

describe('a million messages', () => {
  const MESSAGES = 1_000_000;
  const PER_BATCH = 8_000; // about 1 MB of 100-byte values, as kcat batches them
  let dir: string;

  beforeEach(() => {
    captureLogs();
    dir = makeTempDir();
  });

  afterEach(() => {
    removeDir(dir);
    restoreLogs();
  });

  it('are stored with acks=-1 across segments and served back in order after a reopen', async () => {
    const config = testLogConfig(dir, { segmentBytes: 32 * 1024 * 1024 });
    const template = buildBatch({ records: sequentialRecords(PER_BATCH, 100, Date.now()) });
    let manager = await LogManager.open(config);
    manager.createTopic('volume', 1);
    let log = manager.partition('volume', 0) as PartitionLog;

    const inFlight: Promise<void>[] = [];
    for (let sent = 0; sent < MESSAGES; sent += PER_BATCH) {
      const records = Buffer.from(template);
      log.append(records, validateProducedBatches(records, 2 * 1024 * 1024), -1);
      inFlight.push(log.waitDurable(-1));
    }
    await Promise.all(inFlight);
    expect(manager.fsyncCount).toBeLessThan(MESSAGES / PER_BATCH);
    await manager.close();

    manager = await LogManager.open(config);
    log = manager.partition('volume', 0) as PartitionLog;
    try {
      expect(log.logEndOffset).toBe(MESSAGES);
      expect(log.segmentCount).toBe(4);
      const batches = readAll(log, 0, 1024 * 1024);
      expect(batches.reduce((sum, b) => sum + b.count, 0)).toBe(MESSAGES);
      expect(batches.every((b, i) => b.baseOffset === i * PER_BATCH)).toBe(true);
    } finally {
      await manager.close();
    }
  });
});
