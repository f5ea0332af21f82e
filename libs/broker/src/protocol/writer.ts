/**
 * Builds one response body in a growable buffer with Kafka's classic and compact encodings.
 */
export class Writer {
  private buf: Buffer;
  private pos = 0;
  /** Large payloads (fetched record batches) are kept by reference, not copied. */
  private readonly parts: Buffer[] = [];
  private partsLength = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: number | bigint): this {
    this.ensure(8);
    this.buf.writeBigInt64BE(BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  uvarint(v: number): this {
    this.ensure(5);
    let value = v;
    while (value >= 0x80) {
      this.buf[this.pos++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
    return this;
  }

  string(v: string): this {
    const len = Buffer.byteLength(v);
    this.int16(len);
    this.ensure(len);
    this.pos += this.buf.write(v, this.pos, 'utf8');
    return this;
  }

  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }

  compactString(v: string): this {
    const len = Buffer.byteLength(v);
    this.uvarint(len + 1);
    this.ensure(len);
    this.pos += this.buf.write(v, this.pos, 'utf8');
    return this;
  }

  compactNullableString(v: string | null): this {
    return v === null ? this.uvarint(0) : this.compactString(v);
  }

  bytes(v: Buffer): this {
    this.int32(v.length);
    return this.raw(v);
  }

  nullableBytes(v: Buffer | null): this {
    return v === null ? this.int32(-1) : this.bytes(v);
  }

  raw(v: Buffer): this {
    this.ensure(v.length);
    v.copy(this.buf, this.pos);
    this.pos += v.length;
    return this;
  }

  /**
   * Appends a buffer by reference: everything written so far is sealed as one part and the
   * buffer follows it, so fetch responses never copy stored batches.
   */
  attach(v: Buffer): this {
    if (v.length < 4096) return this.raw(v);
    this.seal();
    this.parts.push(v);
    this.partsLength += v.length;
    return this;
  }

  private seal(): void {
    if (this.pos === 0) return;
    const sealed = this.buf.subarray(0, this.pos);
    this.parts.push(sealed);
    this.partsLength += sealed.length;
    this.buf = Buffer.allocUnsafe(256);
    this.pos = 0;
  }

  array<T>(items: readonly T[], writeItem: (w: this, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, writeItem: (w: this, item: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, writeItem);
  }

  compactArray<T>(items: readonly T[], writeItem: (w: this, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** An empty tagged-field section. */
  emptyTaggedFields(): this {
    return this.uvarint(0);
  }

  get length(): number {
    return this.partsLength + this.pos;
  }

  /** The written bytes as one or more buffers, in order. */
  toBuffers(): Buffer[] {
    const tail = this.buf.subarray(0, this.pos);
    return this.parts.length === 0 ? [tail] : [...this.parts, tail];
  }

  toBuffer(): Buffer {
    const buffers = this.toBuffers();
    return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers);
  }
}
