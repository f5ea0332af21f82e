import { floorSearch, grow, IndexFileReader } from './index-file';

/** Kafka's .index entry: int32 offset relative to the segment base, int32 file position. */
export const OFFSET_INDEX_ENTRY_BYTES = 8;

export interface OffsetIndexEntry {
  relativeOffset: number;
  position: number;
}

/**
 * The active segment's sparse offset index, held in memory (at most segmentBytes /
 * indexIntervalBytes entries) and mirrored to its file as entries are added.
 */
export class OffsetIndex {
  private relatives = new Int32Array(16);
  private positions = new Int32Array(16);
  private length = 0;

  get count(): number {
    return this.length;
  }

  add(relativeOffset: number, position: number): void {
    if (this.length === this.relatives.length) {
      this.relatives = grow(this.relatives, this.length);
      this.positions = grow(this.positions, this.length);
    }
    this.relatives[this.length] = relativeOffset;
    this.positions[this.length] = position;
    this.length++;
  }

  /** The last entry at or before `relativeOffset`. */
  floor(relativeOffset: number): OffsetIndexEntry | undefined {
    const i = floorSearch(this.length, (k) => this.relatives[k], relativeOffset, true);
    return i < 0 ? undefined : { relativeOffset: this.relatives[i], position: this.positions[i] };
  }

  /** Entries from `from` on, in the file's big-endian layout. */
  encode(from = 0): Buffer {
    const buf = Buffer.allocUnsafe((this.length - from) * OFFSET_INDEX_ENTRY_BYTES);
    for (let i = from; i < this.length; i++) {
      const at = (i - from) * OFFSET_INDEX_ENTRY_BYTES;
      buf.writeInt32BE(this.relatives[i], at);
      buf.writeInt32BE(this.positions[i], at + 4);
    }
    return buf;
  }
}

export function decodeOffsetEntry(buf: Buffer): OffsetIndexEntry {
  return { relativeOffset: buf.readInt32BE(0), position: buf.readInt32BE(4) };
}

/** The last entry at or before `relativeOffset` in a closed segment's .index file. */
export function floorInOffsetIndexFile(
  file: string,
  relativeOffset: number,
): OffsetIndexEntry | undefined {
  return IndexFileReader.with(file, OFFSET_INDEX_ENTRY_BYTES, (reader) => {
    const key = (i: number): number => reader.read(i).readInt32BE(0);
    const i = floorSearch(reader.count, key, relativeOffset, true);
    return i < 0 ? undefined : decodeOffsetEntry(reader.read(i));
  });
}
