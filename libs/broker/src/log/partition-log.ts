import * as fs from 'fs';
import * as path from 'path';
import { createLogger, Logger } from '@joinedup/logging';
import { BATCH, BatchHeader, ErrorCode, KafkaError } from '../protocol';
import { FlushTarget, FlushWork, Flusher } from './flusher';
import { parseSegmentLogName, unlinkIfExists } from './log-files';
import { AppendResult, FlushMode } from './log-types';
import { ProducerBatch, ProducerStateManager } from './producer-state';
import { countExpiredSegments } from './retention';
import { Segment } from './segment';
import { EffectiveLogConfig } from './topic-metadata';

/** Index entries hold int32 relative offsets and positions. */
const INT32_MAX = 2 ** 31 - 1;
const TWO_POW_32 = 2 ** 32;

/**
 * Upper bound of one read, whatever maxBytes asks: returning less than maxBytes is always
 * allowed, and it bounds the memory a lagging consumer's fetch can take.
 */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

export interface PartitionLogOptions {
  topic: string;
  partition: number;
  dir: string;
  config: EffectiveLogConfig;
  flushMode: FlushMode;
  flusher: Flusher;
  /** Called after each append that wrote data. */
  onAppend: (log: PartitionLog) => void;
}

type LogState = 'open' | 'closed' | 'deleted';

/**
 * The log of one topic partition: segments oldest first, the last one active. Appends are
 * synchronous writes to the page cache; durability comes from the shared Flusher. Reads go to
 * the files every time, so memory does not grow with the data stored.
 */
export class PartitionLog implements FlushTarget {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;

  private readonly log: Logger;
  private state: LogState = 'open';
  private totalBytes: number;
  /** Segments written since the last flush took them. */
  private readonly unsynced = new Set<Segment>();
  private dirNeedsSync = false;
  /** Counts appends; durableSeq is the last one an fsync covered. */
  private appendSeq = 0;
  private durableSeq = 0;
  private flushError: Error | undefined;

  private constructor(
    private readonly options: PartitionLogOptions,
    private readonly segments: Segment[],
    private readonly producers: ProducerStateManager,
  ) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.dir = options.dir;
    this.log = createLogger('PartitionLog', { topic: this.topic, partition: this.partition });
    this.totalBytes = segments.reduce((sum, s) => sum + s.size, 0);
  }

  /** A new, empty partition in a fresh directory. */
  static create(options: PartitionLogOptions): PartitionLog {
    fs.mkdirSync(options.dir, { recursive: true });
    const segment = Segment.create(options.dir, 0, options.config.indexIntervalBytes);
    const log = new PartitionLog(options, [segment], new ProducerStateManager());
    // The new files' directory entries become durable with the first flush, before any ack.
    log.dirNeedsSync = true;
    options.flusher.markDirty(log);
    return log;
  }

  /**
   * Loads a partition after a clean stop or a crash alike: checks the closed segments cheaply,
   * recovers the active one batch by batch, and replays producer state from batch headers.
   */
  static open(options: PartitionLogOptions): PartitionLog {
    const log = createLogger('PartitionLog', {
      topic: options.topic,
      partition: options.partition,
    });
    const interval = options.config.indexIntervalBytes;
    const bases = listSegmentBases(options.dir);
    if (bases.length === 0) {
      log.warn('partition directory holds no segment; starting it empty', { dir: options.dir });
      return PartitionLog.create(options);
    }
    const segments = bases.map((base) => Segment.open(options.dir, base, interval));
    const kept = loadClosedSegments(segments, log);
    for (const dropped of segments.splice(kept)) {
      log.warn('deleted segment after a damaged one to keep offsets contiguous', {
        segment: dropped.baseOffset,
      });
      dropped.delete();
    }

    const producers = new ProducerStateManager();
    const active = segments[segments.length - 1];
    if (segments.length >= 2) segments[segments.length - 2].scanHeaders((h) => producers.record(h));
    const recovery = active.recover((h) => producers.record(h));
    if (recovery.problem !== undefined) {
      log.warn('truncated torn or corrupt batch', {
        segment: active.baseOffset,
        position: recovery.truncatedAt,
        reason: recovery.problem,
        truncatedBytes: recovery.truncatedBytes,
      });
    }
    return new PartitionLog(options, segments, producers);
  }

  get logStartOffset(): number {
    return this.segments[0].baseOffset;
  }

  /** The next offset to be written, which is also the high watermark (one replica). */
  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  sizeBytes(): number {
    return this.totalBytes;
  }

  /**
   * Writes batches already validated by validateProducedBatches: assigns their offsets by
   * rewriting baseOffset (and partitionLeaderEpoch, to 0) in place, which the CRC does not
   * cover, then writes them with one synchronous write; each header's baseOffset is updated
   * too. A resend of one of a producer's recent batches writes nothing and returns the original
   * offsets with duplicate: true. Throws KafkaError for sequence and epoch violations, leaving
   * the log unchanged. When `acks` will have to wait in waitDurable, the fsync starts now.
   */
  append(records: Buffer, batches: BatchHeader[], acks: number): AppendResult {
    this.assertWritable();
    if (batches.length === 0)
      throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'append of an empty record set');
    const resent = this.resendResult(batches, this.producers.check(batches));
    if (resent) return resent;

    const baseOffset = this.logEndOffset;
    const segment = this.storageCall('append failed', baseOffset, () => {
      const target = this.segmentFor(batches);
      assignOffsets(records, batches, baseOffset);
      target.append(records, batches);
      return target;
    });
    for (const batch of batches) this.producers.record(batch);
    this.afterWrite(segment, batches);
    // Starting the flush cycle now rather than at waitDurable lets it overlap the caller's work.
    if (this.mustWait(acks)) void this.options.flusher.requestCycle();
    this.notifyAppend();
    return {
      baseOffset,
      lastOffset: this.logEndOffset - 1,
      logStartOffset: this.logStartOffset,
      duplicate: false,
    };
  }

  /**
   * Resolves when the last append is durable as the flush policy requires for `acks`: at once
   * for acks=0, in interval mode, and for acks=1 in acks-all mode; otherwise after an fsync
   * that covers it, shared with every other waiter (group commit).
   */
  waitDurable(acks: number): Promise<void> {
    if (!this.mustWait(acks)) return Promise.resolve();
    const seq = this.appendSeq;
    if (this.durableSeq >= seq) return Promise.resolve();
    return this.options.flusher.waitFor(this, seq).then(() => this.assertDurable(seq));
  }

  /**
   * Whole batches starting with the one that holds fetchOffset, up to maxBytes (at most
   * MAX_READ_BYTES) but always at least that batch; null at the log end. Data comes from one
   * segment per call. Throws KafkaError OFFSET_OUT_OF_RANGE outside [logStart, logEnd].
   */
  read(fetchOffset: number, maxBytes: number): Buffer | null {
    this.assertReadable();
    if (fetchOffset < this.logStartOffset || fetchOffset > this.logEndOffset) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${fetchOffset} is outside ${this.topic}-${this.partition}'s range [${this.logStartOffset}, ${this.logEndOffset}]`,
      );
    }
    if (fetchOffset === this.logEndOffset) return null;
    return this.storageCall('read failed', fetchOffset, () => {
      const segment = this.segmentContaining(fetchOffset);
      const location = segment.locate(fetchOffset);
      if (!location) throw new Error(`offset ${fetchOffset} not found in ${segment.logPath}`);
      return segment.read(location, Math.min(maxBytes, MAX_READ_BYTES));
    });
  }

  /** First offset of the first batch whose max timestamp is at or after `timestamp`; logEndOffset when none. */
  offsetForTimestamp(timestamp: number): number {
    this.assertReadable();
    for (const segment of this.segments) {
      const offset = segment.offsetForTimestamp(timestamp);
      if (offset !== undefined) return offset;
    }
    return this.logEndOffset;
  }

  /** Deletes the oldest closed segments that retention no longer keeps; returns how many. */
  enforceRetention(now = Date.now()): number {
    if (this.state !== 'open') return 0;
    const closed = this.segments.slice(0, -1);
    const count = countExpiredSegments(closed, this.totalBytes, this.options.config, now);
    if (count === 0) return 0;
    for (const segment of this.segments.splice(0, count)) {
      this.unsynced.delete(segment);
      this.totalBytes -= segment.size;
      segment.delete();
    }
    this.producers.removeBefore(this.logStartOffset);
    this.log.info('deleted segments past retention', {
      segments: count,
      logStartOffset: this.logStartOffset,
    });
    return count;
  }

  beginFlush(): FlushWork | undefined {
    if (this.state !== 'open' || (this.unsynced.size === 0 && !this.dirNeedsSync)) return undefined;
    const segments = [...this.unsynced];
    const syncDir = this.dirNeedsSync;
    this.unsynced.clear();
    this.dirNeedsSync = false;
    const seq = this.appendSeq;
    return {
      seq,
      files: segments.flatMap((s) => s.filesToSync()),
      dirs: syncDir ? [this.dir] : [],
      finish: (error) => this.flushFinished(segments, syncDir, seq, error),
    };
  }

  /** Closes every file; the log is unusable afterwards. */
  close(): void {
    if (this.state !== 'open') return;
    this.state = 'closed';
    this.release();
  }

  /** Closes every file for a topic being deleted; the caller removes the directory. */
  markDeleted(): void {
    this.state = 'deleted';
    this.release();
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  private release(): void {
    this.options.flusher.forget(this);
    for (const segment of this.segments) segment.close();
  }

  /**
   * The result for a request that resends batches already stored. Throws when it mixes
   * resent and new batches: clients send one batch per partition, so this is a broken request.
   */
  private resendResult(
    batches: readonly BatchHeader[],
    resent: readonly (ProducerBatch | undefined)[],
  ): AppendResult | undefined {
    const count = resent.filter((r) => r !== undefined).length;
    if (count === 0) return undefined;
    if (count < batches.length) {
      throw new KafkaError(
        ErrorCode.DUPLICATE_SEQUENCE_NUMBER,
        `${count} of ${batches.length} batches resend stored ones; resend the request unchanged`,
      );
    }
    const first = resent[0] as ProducerBatch;
    const last = resent[resent.length - 1] as ProducerBatch;
    return {
      baseOffset: first.baseOffset,
      lastOffset: last.lastOffset,
      logStartOffset: this.logStartOffset,
      duplicate: true,
    };
  }

  /** The active segment, after rolling a new one when these batches would overfill it. */
  private segmentFor(batches: readonly BatchHeader[]): Segment {
    const active = this.active;
    if (active.isEmpty) return active;
    const bytes = batches.reduce((sum, b) => sum + b.size, 0);
    const offsets = batches.reduce((sum, b) => sum + b.lastOffsetDelta + 1, 0);
    const full = active.size + bytes > this.options.config.segmentBytes;
    const positionsOverflow = active.size + bytes > INT32_MAX;
    const offsetsOverflow = active.nextOffset + offsets - active.baseOffset > INT32_MAX;
    if (full || positionsOverflow || offsetsOverflow) this.roll();
    return this.active;
  }

  private roll(): void {
    const previous = this.active;
    const next = Segment.create(
      this.dir,
      this.logEndOffset,
      this.options.config.indexIntervalBytes,
    );
    previous.seal();
    this.segments.push(next);
    this.unsynced.add(previous);
    this.dirNeedsSync = true;
    this.options.flusher.markDirty(this);
    this.log.debug('rolled segment', { segment: next.baseOffset });
  }

  private afterWrite(segment: Segment, batches: readonly BatchHeader[]): void {
    for (const batch of batches) this.totalBytes += batch.size;
    this.appendSeq++;
    this.unsynced.add(segment);
    this.options.flusher.markDirty(this);
  }

  private notifyAppend(): void {
    try {
      this.options.onAppend(this);
    } catch (err) {
      this.log.error('append listener failed', { error: err });
    }
  }

  private mustWait(acks: number): boolean {
    if (acks === 0) return false;
    switch (this.options.flushMode) {
      case 'interval':
        return false;
      case 'acks-all':
        return acks === -1;
      case 'every-ack':
        return true;
    }
  }

  private flushFinished(
    segments: Segment[],
    syncDir: boolean,
    seq: number,
    error: Error | undefined,
  ): void {
    if (error === undefined) {
      for (const segment of segments) segment.synced();
      this.durableSeq = Math.max(this.durableSeq, seq);
      return;
    }
    if (this.state !== 'open') return;
    this.flushError = error;
    this.log.error('fsync failed', { error });
    for (const segment of segments) {
      if (this.segments.includes(segment)) this.unsynced.add(segment);
    }
    this.dirNeedsSync ||= syncDir;
    this.options.flusher.markDirty(this);
  }

  private assertDurable(seq: number): void {
    if (this.durableSeq >= seq) return;
    this.assertReadable();
    const cause = this.flushError ? `: ${this.flushError.message}` : '';
    throw new KafkaError(
      ErrorCode.UNKNOWN_SERVER_ERROR,
      `fsync of ${this.topic}-${this.partition} failed${cause}`,
    );
  }

  /**
   * Runs a file operation, turning a system error (EIO, ENOSPC, EMFILE...) into a KafkaError
   * so that the request handler answers it per partition instead of dropping the connection.
   */
  private storageCall<T>(failure: string, offset: number, operation: () => T): T {
    try {
      return operation();
    } catch (err) {
      if (err instanceof KafkaError) throw err;
      this.log.error(failure, { offset, error: err });
      throw new KafkaError(
        ErrorCode.UNKNOWN_SERVER_ERROR,
        `${failure} for ${this.topic}-${this.partition} at offset ${offset}: ${String(err)}`,
      );
    }
  }

  private segmentContaining(offset: number): Segment {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid].baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo];
  }

  private assertReadable(): void {
    if (this.state === 'deleted') {
      throw new KafkaError(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `${this.topic}-${this.partition} was deleted`,
      );
    }
    if (this.state === 'closed') {
      // Retriable: a client retries once the broker is back.
      throw new KafkaError(
        ErrorCode.NOT_LEADER_OR_FOLLOWER,
        `${this.topic}-${this.partition} is closed`,
      );
    }
  }

  private assertWritable(): void {
    this.assertReadable();
  }
}

/** Rewrites each batch's baseOffset and partitionLeaderEpoch in place; neither is under the CRC. */
function assignOffsets(records: Buffer, batches: BatchHeader[], baseOffset: number): void {
  let next = baseOffset;
  for (const batch of batches) {
    records.writeUInt32BE(Math.floor(next / TWO_POW_32), batch.position + BATCH.BASE_OFFSET);
    records.writeUInt32BE(next >>> 0, batch.position + BATCH.BASE_OFFSET + 4);
    records.writeInt32BE(0, batch.position + BATCH.LEADER_EPOCH);
    batch.baseOffset = next;
    next += batch.lastOffsetDelta + 1;
  }
}

/** Index of the first segment to drop: the one after the first damaged closed segment. */
function loadClosedSegments(segments: Segment[], log: Logger): number {
  for (let i = 0; i < segments.length - 1; i++) {
    if (!segments[i].load(segments[i + 1].baseOffset)) {
      log.warn('closed segment is damaged; recovering it as the active segment', {
        segment: segments[i].baseOffset,
      });
      return i + 1;
    }
  }
  return segments.length;
}

/** Base offsets of the `.log` files, ascending, after removing files a crash may leave behind. */
function listSegmentBases(dir: string): number[] {
  const names = fs.readdirSync(dir);
  const bases = new Set<number>();
  for (const name of names) {
    const base = parseSegmentLogName(name);
    if (base !== undefined) bases.add(base);
  }
  for (const name of names) {
    const orphanIndex = /^(\d{20})\.(index|timeindex)$/.exec(name);
    if (name.endsWith('.tmp') || (orphanIndex && !bases.has(Number(orphanIndex[1])))) {
      unlinkIfExists(path.join(dir, name));
    }
  }
  return [...bases].sort((a, b) => a - b);
}
