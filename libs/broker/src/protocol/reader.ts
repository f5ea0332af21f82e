import { ProtocolError } from './protocol-error';

/**
 * Reads Kafka's classic (non-flexible) and compact encodings from one request body. Every read
 * checks bounds, so a truncated or lying frame raises ProtocolError naming the field, never a
 * RangeError from Buffer.
 */
export class Reader {
  private pos: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
    private readonly end = buf.length,
  ) {
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(bytes: number, field: string): void {
    if (bytes < 0 || this.pos + bytes > this.end) {
      throw new ProtocolError(
        `truncated ${field}: needs ${bytes} bytes at ${this.pos}, frame ends at ${this.end}`,
      );
    }
  }

  int8(field = 'int8'): number {
    this.need(1, field);
    return this.buf.readInt8(this.pos++);
  }

  boolean(field = 'boolean'): boolean {
    return this.int8(field) !== 0;
  }

  int16(field = 'int16'): number {
    this.need(2, field);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(field = 'int32'): number {
    this.need(4, field);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** int64 as a JavaScript number: offsets and timestamps stay far below 2^53. */
  int64(field = 'int64'): number {
    this.need(8, field);
    const v = Number(this.buf.readBigInt64BE(this.pos));
    this.pos += 8;
    return v;
  }

  bigint64(field = 'int64'): bigint {
    this.need(8, field);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  uvarint(field = 'varint'): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      this.need(1, field);
      const byte = this.buf[this.pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
      if (shift > 28)
        throw new ProtocolError(`${field}: varint longer than 5 bytes at ${this.pos}`);
    }
  }

  varint(field = 'varint'): number {
    const raw = this.uvarint(field);
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  string(field = 'string'): string {
    const s = this.nullableString(field);
    if (s === null) throw new ProtocolError(`${field}: null where a string is required`);
    return s;
  }

  nullableString(field = 'string'): string | null {
    const len = this.int16(field);
    if (len === -1) return null;
    if (len < -1) throw new ProtocolError(`${field}: negative length ${len}`);
    return this.utf8(len, field);
  }

  compactString(field = 'compact string'): string {
    const s = this.compactNullableString(field);
    if (s === null) throw new ProtocolError(`${field}: null where a string is required`);
    return s;
  }

  compactNullableString(field = 'compact string'): string | null {
    const len = this.uvarint(field) - 1;
    if (len === -1) return null;
    return this.utf8(len, field);
  }

  private utf8(len: number, field: string): string {
    this.need(len, field);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  /** Bytes as a view into the frame (no copy); null for length -1. */
  nullableBytes(field = 'bytes'): Buffer | null {
    const len = this.int32(field);
    if (len === -1) return null;
    if (len < -1) throw new ProtocolError(`${field}: negative length ${len}`);
    return this.raw(len, field);
  }

  bytes(field = 'bytes'): Buffer {
    const b = this.nullableBytes(field);
    return b ?? Buffer.alloc(0);
  }

  raw(len: number, field = 'bytes'): Buffer {
    this.need(len, field);
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  /** Classic array: int32 count, -1 meaning null. */
  nullableArray<T>(readItem: (r: Reader) => T, field = 'array'): T[] | null {
    const count = this.int32(field);
    if (count === -1) return null;
    return this.items(count, readItem, field);
  }

  array<T>(readItem: (r: Reader) => T, field = 'array'): T[] {
    return this.nullableArray(readItem, field) ?? [];
  }

  compactArray<T>(readItem: (r: Reader) => T, field = 'compact array'): T[] {
    const count = this.uvarint(field) - 1;
    if (count === -1) return [];
    return this.items(count, readItem, field);
  }

  private items<T>(count: number, readItem: (r: Reader) => T, field: string): T[] {
    if (count < 0) throw new ProtocolError(`${field}: negative count ${count}`);
    // Every item takes at least one byte, so a count above the bytes left is a lie.
    if (count > this.remaining) {
      throw new ProtocolError(`${field}: count ${count} exceeds the ${this.remaining} bytes left`);
    }
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = readItem(this);
    return out;
  }

  /** Skips a tagged-field section (flexible versions); we understand no tags. */
  skipTaggedFields(): void {
    const count = this.uvarint('tagged fields');
    for (let i = 0; i < count; i++) {
      this.uvarint('tag');
      const size = this.uvarint('tag size');
      this.raw(size, 'tag data');
    }
  }
}
