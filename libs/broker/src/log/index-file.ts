import * as fs from 'fs';
import { isNotFound, readFully } from './log-files';

/**
 * Largest i in [0, count) whose key is below `target` (or equal, when `inclusive`), -1 when
 * none. Keys must be non-decreasing, as both index kinds are.
 */
export function floorSearch(
  count: number,
  keyAt: (i: number) => number,
  target: number,
  inclusive: boolean,
): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const key = keyAt(mid);
    if (key < target || (inclusive && key === target)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Reads fixed-size entries of a closed segment's index file on demand, so old indexes cost
 * no memory: a look-up is a binary search of a few positioned reads that the page cache
 * serves.
 */
export class IndexFileReader {
  private readonly entry: Buffer;

  private constructor(
    private readonly fd: number,
    readonly count: number,
    private readonly entryBytes: number,
  ) {
    this.entry = Buffer.alloc(entryBytes);
  }

  /** Runs `use` with the file open; undefined when the file does not exist. */
  static with<T>(
    file: string,
    entryBytes: number,
    use: (reader: IndexFileReader) => T,
  ): T | undefined {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    try {
      const count = Math.floor(fs.fstatSync(fd).size / entryBytes);
      return use(new IndexFileReader(fd, count, entryBytes));
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Entry i, in a buffer reused by the next call. */
  read(i: number): Buffer {
    const n = readFully(this.fd, this.entry, 0, this.entryBytes, i * this.entryBytes);
    if (n < this.entryBytes) throw new Error(`index entry ${i} is cut short`);
    return this.entry;
  }
}

/** Doubles a typed array's capacity, keeping its first `length` elements. */
export function grow<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(16, array.length * 2));
  next.set(array.subarray(0, length));
  return next;
}
