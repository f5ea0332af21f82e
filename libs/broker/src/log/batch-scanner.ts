import { BATCH, BatchHeader, batchCrcMatches, readBatchHeader } from '../protocol';
import { readFully } from './log-files';

export interface ScanOptions {
  /** Verify each batch's CRC-32C; this reads whole batches instead of headers only. */
  checkCrc: boolean;
  /** Bytes read per system call. */
  chunkBytes: number;
}

export interface ScanResult {
  /** File position after the last batch accepted (or where `visit` stopped the scan). */
  end: number;
  /** Why the scan stopped early at `end`: a torn or corrupt batch. */
  problem?: string;
}

/**
 * Receives each sound batch, its `position` set to the file position. Returns a problem
 * description to reject the batch (the scan ends before it), 'stop' to end the scan before it
 * without a problem, or nothing to go on.
 */
export type BatchVisitor = (header: BatchHeader) => string | 'stop' | void;

export const CRC_SCAN: ScanOptions = { checkCrc: true, chunkBytes: 4 * 1024 * 1024 };
export const HEADER_SCAN: ScanOptions = { checkCrc: false, chunkBytes: 64 * 1024 };

/**
 * Walks the batches of a segment file from `start` to `end`, checking each one's framing
 * (header present, size within bounds, magic 2) and, when asked, its CRC. Reads in large
 * chunks, so a header-only scan costs a few system calls per chunk, not one per batch.
 */
export function scanBatches(
  fd: number,
  start: number,
  end: number,
  options: ScanOptions,
  visit: BatchVisitor,
): ScanResult {
  const reader = new ChunkReader(fd, end, options.chunkBytes);
  let position = start;
  while (position < end) {
    const problem = checkFraming(reader, position, end);
    if (problem !== undefined) return { end: position, problem };
    const header = readBatchHeader(reader.buffer, reader.load(position, BATCH.HEADER_SIZE));
    header.position = position;
    if (options.checkCrc) {
      const at = reader.load(position, header.size);
      if (at < 0) return { end: position, problem: 'file shorter than its size on open' };
      if (!batchCrcMatches(reader.buffer, at, header.size)) {
        return { end: position, problem: 'CRC-32C mismatch' };
      }
    }
    const verdict = visit(header);
    if (verdict === 'stop') return { end: position };
    if (typeof verdict === 'string') return { end: position, problem: verdict };
    position += header.size;
  }
  return { end: position };
}

function checkFraming(reader: ChunkReader, position: number, end: number): string | undefined {
  if (end - position < BATCH.HEADER_SIZE) {
    return `file ends ${end - position} bytes into a batch header`;
  }
  const at = reader.load(position, BATCH.HEADER_SIZE);
  if (at < 0) return 'file shorter than its size on open';
  const buf = reader.buffer;
  const size = buf.readInt32BE(at + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
  if (size < BATCH.HEADER_SIZE) return `batch length ${size} is below the header size`;
  if (position + size > end)
    return `batch of ${size} bytes runs ${position + size - end} bytes past the end`;
  const magic = buf.readInt8(at + BATCH.MAGIC);
  if (magic !== 2) return `magic ${magic} where 2 was expected`;
  const lastOffsetDelta = buf.readInt32BE(at + BATCH.LAST_OFFSET_DELTA);
  if (lastOffsetDelta < 0) return `negative last offset delta ${lastOffsetDelta}`;
  return undefined;
}

/** A read-ahead window over one file; re-reads only when asked for bytes outside it. */
class ChunkReader {
  buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  private length = 0;

  constructor(
    private readonly fd: number,
    private readonly end: number,
    private readonly chunkBytes: number,
  ) {}

  /** Position in `buffer` of file bytes [position, position + length); -1 when the file is shorter. */
  load(position: number, length: number): number {
    if (position >= this.start && position + length <= this.start + this.length) {
      return position - this.start;
    }
    const want = Math.min(Math.max(this.chunkBytes, length), this.end - position);
    if (this.buffer.length < want) this.buffer = Buffer.allocUnsafe(want);
    this.start = position;
    this.length = readFully(this.fd, this.buffer, 0, want, position);
    return this.length < length ? -1 : 0;
  }
}
