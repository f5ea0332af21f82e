import { floorSearch, grow, IndexFileReader } from './index-file';

/** Kafka's .timeindex entry: int64 timestamp, int32 offset relative to the segment base. */
export const TIME_INDEX_ENTRY_BYTES = 12;

/**
 * An entry (timestamp T, relative offset R) states that every batch before R in the segment
 * has a max timestamp of at most T. Entries are written at the offset index's points, only
 * when T grew, so both the timestamps and the offsets increase.
 */
export interface TimeIndexEntry {
  timestamp: number;
  relativeOffset: number;
}

/** The active segment's time index, in memory and mirrored to its file. */
export class TimeIndex {
  private timestamps = new Float64Array(16);
  private relatives = new Int32Array(16);
  private length = 0;

  get count(): number {
    return this.length;
  }

  get lastTimestamp(): number {
    return this.length === 0 ? -1 : this.timestamps[this.length - 1];
  }

  add(timestamp: number, relativeOffset: number): void {
    if (this.length === this.relatives.length) {
      this.timestamps = grow(this.timestamps, this.length);
      this.relatives = grow(this.relatives, this.length);
    }
    this.timestamps[this.length] = timestamp;
    this.relatives[this.length] = relativeOffset;
    this.length++;
  }

  /** The last entry whose timestamp is below `timestamp`: batches before it can be skipped. */
  lastBelow(timestamp: number): TimeIndexEntry | undefined {
    const i = floorSearch(this.length, (k) => this.timestamps[k], timestamp, false);
    return i < 0 ? undefined : { timestamp: this.timestamps[i], relativeOffset: this.relatives[i] };
  }

  encode(from = 0): Buffer {
    const buf = Buffer.allocUnsafe((this.length - from) * TIME_INDEX_ENTRY_BYTES);
    for (let i = from; i < this.length; i++) {
      const at = (i - from) * TIME_INDEX_ENTRY_BYTES;
      buf.writeBigInt64BE(BigInt(this.timestamps[i]), at);
      buf.writeInt32BE(this.relatives[i], at + 8);
    }
    return buf;
  }
}

export function decodeTimeEntry(buf: Buffer): TimeIndexEntry {
  return { timestamp: Number(buf.readBigInt64BE(0)), relativeOffset: buf.readInt32BE(8) };
}

/** The last entry below `timestamp` in a closed segment's .timeindex file. */
export function lastBelowInTimeIndexFile(
  file: string,
  timestamp: number,
): TimeIndexEntry | undefined {
  return IndexFileReader.with(file, TIME_INDEX_ENTRY_BYTES, (reader) => {
    const key = (i: number): number => Number(reader.read(i).readBigInt64BE(0));
    const i = floorSearch(reader.count, key, timestamp, false);
    return i < 0 ? undefined : decodeTimeEntry(reader.read(i));
  });
}
