/** Shared set-up for the log specs: temporary directories, configs and produce calls. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LogContext, setLogSink } from '@joinedup/logging';
import { BATCH, validateProducedBatches } from '../protocol';
import { LogManager } from './log-manager';
import { AppendResult, LogConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { buildBatch, BuildBatchOptions, TestRecord } from './test-batch';

export function makeTempDir(prefix = 'joinedup-log-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function testLogConfig(dir: string, overrides: Partial<LogConfig> = {}): LogConfig {
  return {
    dir,
    segmentBytes: 1024 * 1024,
    indexIntervalBytes: 4096,
    retentionMs: -1,
    retentionBytes: -1,
    retentionCheckIntervalMs: 0,
    flush: { mode: 'acks-all', intervalMs: 0 },
    ...overrides,
  };
}

/** Validates and appends a record set as the Produce handler does. */
export function produce(log: PartitionLog, batches: Buffer | Buffer[], acks = -1): AppendResult {
  const records = Buffer.concat(Array.isArray(batches) ? batches : [batches]);
  return log.append(records, validateProducedBatches(records, 16 * 1024 * 1024), acks);
}

/** Appends one batch of `count` small records; returns its result. */
export function produceRecords(
  log: PartitionLog,
  count: number,
  options: Partial<BuildBatchOptions> & { timestamp?: number; valueBytes?: number } = {},
): AppendResult {
  const { timestamp, valueBytes = 10, ...batchOptions } = options;
  const records: TestRecord[] = Array.from({ length: count }, (_, i) => ({
    key: `key-${i}`,
    value: Buffer.alloc(valueBytes, 0x61 + (i % 26)),
    timestamp,
  }));
  return produce(log, buildBatch({ records, ...batchOptions }));
}

/** Reads the partition from `from` to its end, batch by batch; returns every batch's base offset and record count. */
export function readAll(
  log: PartitionLog,
  from = log.logStartOffset,
  maxBytes = 64 * 1024,
): { baseOffset: number; count: number }[] {
  const batches: { baseOffset: number; count: number }[] = [];
  let offset = from;
  for (;;) {
    const data = log.read(offset, maxBytes);
    if (data === null) return batches;
    let position = 0;
    while (position < data.length) {
      const baseOffset = Number(data.readBigInt64BE(position + BATCH.BASE_OFFSET));
      const count = data.readInt32BE(position + BATCH.LAST_OFFSET_DELTA) + 1;
      if (baseOffset + count > offset) batches.push({ baseOffset, count });
      offset = baseOffset + count;
      position += data.readInt32BE(position + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
    }
  }
}

export async function withManager<T>(
  config: LogConfig,
  use: (manager: LogManager) => Promise<T> | T,
): Promise<T> {
  const manager = await LogManager.open(config);
  try {
    return await use(manager);
  } finally {
    await manager.close();
  }
}

export function partitionDir(config: LogConfig, topic: string, partition: number): string {
  return path.join(config.dir, `${topic}-${partition}`);
}

export function segmentFiles(dir: string, extension: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort();
}

export interface CapturedLog extends LogContext {
  level: string;
  logger: string;
  msg: string;
}

/** Sends every log line to the returned array until restoreLogs() is called. */
export function captureLogs(): CapturedLog[] {
  const lines: CapturedLog[] = [];
  setLogSink({ write: (line) => lines.push(JSON.parse(line) as CapturedLog) });
  return lines;
}

export function restoreLogs(): void {
  setLogSink(undefined);
}
