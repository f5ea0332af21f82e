import * as fs from 'fs';
import * as path from 'path';
import { BATCH, BatchHeader } from '../protocol';
import { CRC_SCAN, scanBatches, ScanOptions } from './batch-scanner';
import { IndexFileReader } from './index-file';
import { fileSize, readFully, segmentFileName, unlinkIfExists, writeFully } from './log-files';
import {
  decodeOffsetEntry,
  floorInOffsetIndexFile,
  OFFSET_INDEX_ENTRY_BYTES,
  OffsetIndex,
  OffsetIndexEntry,
} from './offset-index';
import { SyncableFile } from './syncable-file';
import {
  decodeTimeEntry,
  lastBelowInTimeIndexFile,
  TIME_INDEX_ENTRY_BYTES,
  TimeIndex,
} from './time-index';

/** Header-only scans between two index entries cover about indexIntervalBytes plus one batch. */
const LOOKUP_SCAN: ScanOptions = { checkCrc: false, chunkBytes: 16 * 1024 };

export interface RecoveryResult {
  /** Where the log was cut, when a torn or corrupt batch was found. */
  truncatedAt?: number;
  truncatedBytes: number;
  problem?: string;
}

/** A batch located in a segment file. */
export interface BatchLocation {
  position: number;
  size: number;
}

interface IndexTail {
  count: number;
  last?: Buffer;
  previous?: Buffer;
}

/**
 * One segment: a `.log` file of whole RecordBatch v2 batches, its sparse `.index` and its
 * `.timeindex`. The active (last) segment keeps its indexes in memory and appends to their
 * files; a closed segment keeps only a summary (offsets, size, newest timestamp) and reads its
 * index files on demand.
 */
export class Segment {
  readonly logPath: string;
  readonly indexPath: string;
  readonly timeIndexPath: string;
  /** One past the last offset stored. */
  nextOffset: number;
  size: number;
  /** Newest batch max timestamp, -1 while empty. */
  maxTimestamp = -1;

  private offsetIndex: OffsetIndex | null = null;
  private timeIndex: TimeIndex | null = null;
  private indexFile: SyncableFile | null = null;
  private timeIndexFile: SyncableFile | null = null;
  private persistedOffsetEntries = 0;
  private persistedTimeEntries = 0;
  private bytesSinceIndexEntry = 0;
  /** A sealed segment's index files still await the fsync that makes them durable. */
  private indexAwaitsSync = false;

  private constructor(
    dir: string,
    readonly baseOffset: number,
    private readonly indexIntervalBytes: number,
    readonly log: SyncableFile,
  ) {
    this.logPath = path.join(dir, segmentFileName(baseOffset, '.log'));
    this.indexPath = path.join(dir, segmentFileName(baseOffset, '.index'));
    this.timeIndexPath = path.join(dir, segmentFileName(baseOffset, '.timeindex'));
    this.nextOffset = baseOffset;
    this.size = fs.fstatSync(log.fd).size;
  }

  /** A new, empty active segment; files left over under the same name are emptied. */
  static create(dir: string, baseOffset: number, indexIntervalBytes: number): Segment {
    const log = SyncableFile.open(path.join(dir, segmentFileName(baseOffset, '.log')), true);
    fs.ftruncateSync(log.fd, 0);
    const segment = new Segment(dir, baseOffset, indexIntervalBytes, log);
    segment.activate(true);
    return segment;
  }

  /** An existing segment, to be checked by load() or recover() before use. */
  static open(dir: string, baseOffset: number, indexIntervalBytes: number): Segment {
    const log = SyncableFile.open(path.join(dir, segmentFileName(baseOffset, '.log')), false);
    return new Segment(dir, baseOffset, indexIntervalBytes, log);
  }

  get isActive(): boolean {
    return this.offsetIndex !== null;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /**
   * Makes this the active segment after a crash or a clean stop alike: scans every batch,
   * checking framing, CRC-32C and offset continuity, cuts the file at the first batch that
   * fails, and rebuilds both indexes from what remains. `visit` sees each batch kept.
   */
  recover(visit: (batch: BatchHeader) => void): RecoveryResult {
    const result = this.rebuildIndexes(CRC_SCAN, visit);
    if (result.problem !== undefined) {
      fs.ftruncateSync(this.log.fd, result.end);
      this.log.fsyncSync();
    }
    const truncatedBytes = this.size - result.end;
    this.size = result.end;
    this.writeIndexFiles();
    return result.problem === undefined
      ? { truncatedBytes: 0 }
      : { truncatedAt: result.end, truncatedBytes, problem: result.problem };
  }

  /**
   * Loads a closed segment that should end just before `expectedNextOffset`. Trusts its index
   * files when they are whole and agree with the batches after their last entry; otherwise
   * rebuilds them with a full CRC scan. False when the segment itself is torn, corrupt or
   * short: the caller must recover() it and drop every later segment.
   */
  load(expectedNextOffset: number): boolean {
    if (this.checkIndexes(expectedNextOffset)) return true;
    const result = this.rebuildIndexes(CRC_SCAN, () => undefined);
    if (
      result.problem !== undefined ||
      result.end !== this.size ||
      this.nextOffset !== expectedNextOffset
    ) {
      return false;
    }
    this.writeIndexFiles();
    this.indexFile?.fsyncSync();
    this.timeIndexFile?.fsyncSync();
    this.closeIndexes();
    return true;
  }

  /** Visits the headers of every batch (for rebuilding producer state). */
  scanHeaders(visit: (batch: BatchHeader) => void): void {
    scanBatches(this.log.fd, 0, this.size, LOOKUP_SCAN, (h) => {
      visit(h);
    });
  }

  /**
   * Writes batches whose offsets are already assigned, with one write when they lie back to
   * back in `records` (always so for a validated produce request), and indexes them.
   */
  append(records: Buffer, batches: readonly BatchHeader[]): void {
    const start = this.size;
    try {
      this.writeBatches(records, batches, start);
    } catch (err) {
      this.undoPartialWrite(start);
      throw err;
    }
    let position = start;
    for (const batch of batches) {
      this.indexBatch(batch.baseOffset - this.baseOffset, position, batch.size, batch.maxTimestamp);
      position += batch.size;
    }
    const last = batches[batches.length - 1];
    this.size = position;
    this.nextOffset = last.baseOffset + last.lastOffsetDelta + 1;
    this.persistNewIndexEntries();
  }

  /** Turns the active segment into a closed one; its index files are synced by the next flush. */
  seal(): void {
    this.offsetIndex = null;
    this.timeIndex = null;
    this.indexAwaitsSync = true;
  }

  /** Files with data not yet known to be on disk. */
  filesToSync(): SyncableFile[] {
    const files = [this.log];
    if (this.indexAwaitsSync && this.indexFile && this.timeIndexFile) {
      files.push(this.indexFile, this.timeIndexFile);
    }
    return files;
  }

  /** After a successful fsync of filesToSync(): a sealed segment no longer needs index fds. */
  synced(): void {
    if (!this.indexAwaitsSync) return;
    this.indexAwaitsSync = false;
    this.closeIndexes();
  }

  /** The batch holding `offset`, which must lie in this segment. */
  locate(offset: number): BatchLocation | undefined {
    const entry = this.floorEntry(offset - this.baseOffset);
    let found: BatchLocation | undefined;
    scanBatches(this.log.fd, entry.position, this.size, LOOKUP_SCAN, (h) => {
      if (h.baseOffset + h.lastOffsetDelta < offset) return undefined;
      found = { position: h.position, size: h.size };
      return 'stop';
    });
    return found;
  }

  /**
   * Whole batches from `position`: as many as fit in maxBytes, and always the first one even
   * when it alone is larger.
   */
  read(first: BatchLocation, maxBytes: number): Buffer {
    const length = Math.min(Math.max(maxBytes, first.size), this.size - first.position);
    const buf = Buffer.allocUnsafe(length);
    const read = readFully(this.log.fd, buf, 0, length, first.position);
    return buf.subarray(0, wholeBatchesLength(buf, read));
  }

  /** First offset of the first batch whose max timestamp is at or after `timestamp`. */
  offsetForTimestamp(timestamp: number): number | undefined {
    if (this.maxTimestamp < timestamp) return undefined;
    const below = this.timeIndex
      ? this.timeIndex.lastBelow(timestamp)
      : lastBelowInTimeIndexFile(this.timeIndexPath, timestamp);
    const entry = this.floorEntry(below?.relativeOffset ?? 0);
    let found: number | undefined;
    scanBatches(this.log.fd, entry.position, this.size, LOOKUP_SCAN, (h) => {
      if (h.maxTimestamp < timestamp) return undefined;
      found = h.baseOffset;
      return 'stop';
    });
    return found;
  }

  /** Removes the files; the `.log` first, so a crash never leaves a log without its indexes rebuilt. */
  delete(): void {
    this.close();
    unlinkIfExists(this.logPath);
    unlinkIfExists(this.indexPath);
    unlinkIfExists(this.timeIndexPath);
  }

  close(): void {
    this.log.close();
    this.closeIndexes();
  }

  private activate(fresh: boolean): void {
    this.offsetIndex = new OffsetIndex();
    this.timeIndex = new TimeIndex();
    this.bytesSinceIndexEntry = 0;
    this.persistedOffsetEntries = 0;
    this.persistedTimeEntries = 0;
    if (fresh) this.writeIndexFiles();
  }

  private rebuildIndexes(
    options: ScanOptions,
    visit: (batch: BatchHeader) => void,
  ): { end: number; problem?: string } {
    this.activate(false);
    this.nextOffset = this.baseOffset;
    this.maxTimestamp = -1;
    return scanBatches(this.log.fd, 0, this.size, options, (h) => {
      if (h.baseOffset !== this.nextOffset) {
        return `batch offset ${h.baseOffset} where ${this.nextOffset} was expected`;
      }
      this.indexBatch(h.baseOffset - this.baseOffset, h.position, h.size, h.maxTimestamp);
      this.nextOffset = h.baseOffset + h.lastOffsetDelta + 1;
      visit(h);
      return undefined;
    });
  }

  /**
   * Adds index entries before a batch once indexIntervalBytes have been written since the last
   * entry (Kafka's rule). The time entry records the newest timestamp before this batch.
   */
  private indexBatch(
    relativeOffset: number,
    position: number,
    size: number,
    maxTimestamp: number,
  ): void {
    if (
      this.offsetIndex &&
      this.timeIndex &&
      this.bytesSinceIndexEntry >= this.indexIntervalBytes
    ) {
      this.offsetIndex.add(relativeOffset, position);
      if (this.maxTimestamp > this.timeIndex.lastTimestamp) {
        this.timeIndex.add(this.maxTimestamp, relativeOffset);
      }
      this.bytesSinceIndexEntry = 0;
    }
    this.bytesSinceIndexEntry += size;
    if (maxTimestamp > this.maxTimestamp) this.maxTimestamp = maxTimestamp;
  }

  private writeBatches(records: Buffer, batches: readonly BatchHeader[], start: number): void {
    const total = batches.reduce((sum, b) => sum + b.size, 0);
    if (isContiguous(records, batches, total)) {
      writeFully(this.log.fd, records, 0, total, start);
      return;
    }
    let position = start;
    for (const batch of batches) {
      writeFully(this.log.fd, records, batch.position, batch.size, position);
      position += batch.size;
    }
  }

  private undoPartialWrite(start: number): void {
    try {
      fs.ftruncateSync(this.log.fd, start);
    } catch {
      // The append fails either way; recovery at the next open removes any torn tail.
    }
  }

  private persistNewIndexEntries(): void {
    if (!this.offsetIndex || !this.timeIndex || !this.indexFile || !this.timeIndexFile) return;
    if (this.offsetIndex.count > this.persistedOffsetEntries) {
      const buf = this.offsetIndex.encode(this.persistedOffsetEntries);
      writeFully(
        this.indexFile.fd,
        buf,
        0,
        buf.length,
        this.persistedOffsetEntries * OFFSET_INDEX_ENTRY_BYTES,
      );
      this.persistedOffsetEntries = this.offsetIndex.count;
    }
    if (this.timeIndex.count > this.persistedTimeEntries) {
      const buf = this.timeIndex.encode(this.persistedTimeEntries);
      writeFully(
        this.timeIndexFile.fd,
        buf,
        0,
        buf.length,
        this.persistedTimeEntries * TIME_INDEX_ENTRY_BYTES,
      );
      this.persistedTimeEntries = this.timeIndex.count;
    }
  }

  /** Replaces both index files with the in-memory indexes and keeps them open for appends. */
  private writeIndexFiles(): void {
    if (!this.offsetIndex || !this.timeIndex) return;
    this.indexFile ??= SyncableFile.open(this.indexPath, true);
    this.timeIndexFile ??= SyncableFile.open(this.timeIndexPath, true);
    rewrite(this.indexFile, this.offsetIndex.encode());
    rewrite(this.timeIndexFile, this.timeIndex.encode());
    this.persistedOffsetEntries = this.offsetIndex.count;
    this.persistedTimeEntries = this.timeIndex.count;
  }

  private closeIndexes(): void {
    this.offsetIndex = null;
    this.timeIndex = null;
    this.indexFile?.close();
    this.timeIndexFile?.close();
    this.indexFile = null;
    this.timeIndexFile = null;
  }

  private floorEntry(relativeOffset: number): OffsetIndexEntry {
    const entry = this.offsetIndex
      ? this.offsetIndex.floor(relativeOffset)
      : floorInOffsetIndexFile(this.indexPath, relativeOffset);
    return entry ?? { relativeOffset: 0, position: 0 };
  }

  /**
   * The cheap check of a closed segment at open: index files whole and consistent, and the
   * batches after the last offset-index entry contiguous, ending exactly at the file's end
   * with `expectedNextOffset`, with no place where an index entry is missing.
   */
  private checkIndexes(expectedNextOffset: number): boolean {
    const offsets = readIndexTail(this.indexPath, OFFSET_INDEX_ENTRY_BYTES);
    const times = readIndexTail(this.timeIndexPath, TIME_INDEX_ENTRY_BYTES);
    if (!offsets || !times) return false;
    // The second index point always has an earlier batch with a timestamp, so a time entry.
    if (offsets.count >= 2 && times.count === 0) return false;
    const span = expectedNextOffset - this.baseOffset;
    const lastEntry = offsets.last ? decodeOffsetEntry(offsets.last) : undefined;
    if (!offsetTailIsSound(offsets, span, this.size) || !timeTailIsSound(times, span, lastEntry))
      return false;

    const start = lastEntry ?? { relativeOffset: 0, position: 0 };
    let expectedOffset = this.baseOffset + start.relativeOffset;
    let bytesSinceEntry = 0;
    let tailMaxTimestamp = times.last ? decodeTimeEntry(times.last).timestamp : -1;
    const result = scanBatches(this.log.fd, start.position, this.size, LOOKUP_SCAN, (h) => {
      const isEntryBatch = lastEntry !== undefined && h.position === start.position;
      const entryMissing = !isEntryBatch && bytesSinceEntry >= this.indexIntervalBytes;
      if (h.baseOffset !== expectedOffset || entryMissing) return 'index disagrees with log';
      bytesSinceEntry += h.size;
      expectedOffset = h.baseOffset + h.lastOffsetDelta + 1;
      tailMaxTimestamp = Math.max(tailMaxTimestamp, h.maxTimestamp);
      return undefined;
    });
    if (
      result.problem !== undefined ||
      result.end !== this.size ||
      expectedOffset !== expectedNextOffset
    ) {
      return false;
    }
    this.nextOffset = expectedNextOffset;
    this.maxTimestamp = tailMaxTimestamp;
    return true;
  }
}

function isContiguous(records: Buffer, batches: readonly BatchHeader[], total: number): boolean {
  if (batches[0].position !== 0 || total > records.length) return false;
  let position = 0;
  for (const batch of batches) {
    if (batch.position !== position) return false;
    position += batch.size;
  }
  return true;
}

/** Length of the whole batches at the start of `buf[0, length)`. */
function wholeBatchesLength(buf: Buffer, length: number): number {
  let end = 0;
  while (end + BATCH.LOG_OVERHEAD <= length) {
    const size = buf.readInt32BE(end + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
    if (end + size > length) break;
    end += size;
  }
  return end;
}

function rewrite(file: SyncableFile, content: Buffer): void {
  fs.ftruncateSync(file.fd, 0);
  writeFully(file.fd, content, 0, content.length, 0);
}

/** The last two entries of an index file; undefined when it is missing or cut mid-entry. */
function readIndexTail(file: string, entryBytes: number): IndexTail | undefined {
  const size = fileSize(file);
  if (size === undefined || size % entryBytes !== 0) return undefined;
  return IndexFileReader.with(file, entryBytes, (reader) => {
    const count = reader.count;
    const previous = count >= 2 ? Buffer.from(reader.read(count - 2)) : undefined;
    const last = count >= 1 ? Buffer.from(reader.read(count - 1)) : undefined;
    return { count, last, previous };
  });
}

function offsetTailIsSound(tail: IndexTail, span: number, logSize: number): boolean {
  if (!tail.last) return true;
  const last = decodeOffsetEntry(tail.last);
  if (last.relativeOffset < 0 || last.relativeOffset >= span) return false;
  if (last.position < 0 || last.position >= logSize) return false;
  if (!tail.previous) return true;
  const previous = decodeOffsetEntry(tail.previous);
  return previous.relativeOffset < last.relativeOffset && previous.position < last.position;
}

function timeTailIsSound(
  tail: IndexTail,
  span: number,
  lastOffsetEntry: OffsetIndexEntry | undefined,
): boolean {
  if (!tail.last) return true;
  const last = decodeTimeEntry(tail.last);
  if (
    !lastOffsetEntry ||
    last.relativeOffset < 0 ||
    last.relativeOffset > lastOffsetEntry.relativeOffset
  ) {
    return false;
  }
  if (last.relativeOffset >= span) return false;
  if (!tail.previous) return true;
  const previous = decodeTimeEntry(tail.previous);
  return previous.timestamp < last.timestamp && previous.relativeOffset < last.relativeOffset;
}
