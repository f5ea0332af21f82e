/**
 * Builds and decodes RecordBatch v2 bytes for tests (https://kafka.apache.org/documentation/#recordbatch
 * and #record). The broker itself never decodes records; this helper exists so that tests
 * produce exactly what clients send.
 */
import * as zlib from 'zlib';
import {
  ATTR_COMPRESSION_MASK,
  ATTR_CONTROL,
  ATTR_TRANSACTIONAL,
  BATCH,
  crc32c,
} from '../protocol';

export type TestValue = Buffer | string | null;

export interface TestRecordHeader {
  key: string;
  value: TestValue;
}

export interface TestRecord {
  key?: TestValue;
  value?: TestValue;
  /** Milliseconds since the epoch; defaults to the time of building. */
  timestamp?: number;
  headers?: TestRecordHeader[];
}

/** Codecs this helper can really write; the broker stores every codec untouched. */
export type TestCompression = 'none' | 'gzip';

const COMPRESSION_CODEC: Record<TestCompression, number> = { none: 0, gzip: 1 };
const ATTR_LOG_APPEND_TIME = 0x08;

export interface BuildBatchOptions {
  records: TestRecord[];
  /** Defaults to 0; the broker overwrites it on append. */
  baseOffset?: number;
  /** Defaults to -1 (Kafka's NO_PARTITION_LEADER_EPOCH). */
  partitionLeaderEpoch?: number;
  /** -1 (the default) for a producer that is not idempotent. */
  producerId?: number;
  /** Producer epoch; defaults to -1. */
  epoch?: number;
  /** Sequence of the first record; defaults to -1. */
  baseSequence?: number;
  compression?: TestCompression;
  timestampType?: 'create-time' | 'log-append-time';
  transactional?: boolean;
  control?: boolean;
}

/** A valid RecordBatch v2 (magic 2) with a correct CRC-32C. */
export function buildBatch(options: BuildBatchOptions): Buffer {
  const { records } = options;
  if (records.length === 0) throw new RangeError('a record batch holds at least one record');
  const now = Date.now();
  const timestamps = records.map((r) => r.timestamp ?? now);
  const baseTimestamp = timestamps[0];
  const maxTimestamp = Math.max(...timestamps);
  const body = Buffer.concat(
    records.map((r, i) => encodeRecord(r, i, timestamps[i] - baseTimestamp)),
  );
  const compression = options.compression ?? 'none';
  const payload = compression === 'gzip' ? zlib.gzipSync(body) : body;

  const header = Buffer.alloc(BATCH.HEADER_SIZE);
  header.writeBigInt64BE(BigInt(options.baseOffset ?? 0), BATCH.BASE_OFFSET);
  header.writeInt32BE(BATCH.HEADER_SIZE + payload.length - BATCH.LOG_OVERHEAD, BATCH.LENGTH);
  header.writeInt32BE(options.partitionLeaderEpoch ?? -1, BATCH.LEADER_EPOCH);
  header.writeInt8(2, BATCH.MAGIC);
  header.writeInt16BE(attributes(options, compression), BATCH.ATTRIBUTES);
  header.writeInt32BE(records.length - 1, BATCH.LAST_OFFSET_DELTA);
  header.writeBigInt64BE(BigInt(baseTimestamp), BATCH.BASE_TIMESTAMP);
  header.writeBigInt64BE(BigInt(maxTimestamp), BATCH.MAX_TIMESTAMP);
  header.writeBigInt64BE(BigInt(options.producerId ?? -1), BATCH.PRODUCER_ID);
  header.writeInt16BE(options.epoch ?? -1, BATCH.PRODUCER_EPOCH);
  header.writeInt32BE(options.baseSequence ?? -1, BATCH.BASE_SEQUENCE);
  header.writeInt32BE(records.length, BATCH.RECORDS_COUNT);

  const batch = Buffer.concat([header, payload]);
  batch.writeUInt32BE(crc32c(batch, BATCH.ATTRIBUTES), BATCH.CRC);
  return batch;
}

/** `count` records of `valueBytes` bytes each, for volume tests. */
export function sequentialRecords(
  count: number,
  valueBytes: number,
  timestamp?: number,
): TestRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    value: Buffer.alloc(valueBytes, i % 256),
    timestamp,
  }));
}

function attributes(options: BuildBatchOptions, compression: TestCompression): number {
  let attrs = COMPRESSION_CODEC[compression];
  if (options.timestampType === 'log-append-time') attrs |= ATTR_LOG_APPEND_TIME;
  if (options.transactional) attrs |= ATTR_TRANSACTIONAL;
  if (options.control) attrs |= ATTR_CONTROL;
  return attrs;
}

function encodeRecord(record: TestRecord, offsetDelta: number, timestampDelta: number): Buffer {
  const out = new VarintWriter();
  out.int8(0); // record attributes: unused in v2
  out.varlong(timestampDelta);
  out.varlong(offsetDelta);
  out.bytes(toBytes(record.key ?? null));
  out.bytes(toBytes(record.value ?? null));
  const headers = record.headers ?? [];
  out.varlong(headers.length);
  for (const h of headers) {
    out.bytes(Buffer.from(h.key, 'utf8'));
    out.bytes(toBytes(h.value));
  }
  const body = out.toBuffer();
  const prefix = new VarintWriter();
  prefix.varlong(body.length);
  return Buffer.concat([prefix.toBuffer(), body]);
}

function toBytes(value: TestValue): Buffer | null {
  if (value === null) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** Zigzag varints as Kafka's ByteUtils.writeVarlong; exact for |n| below 2^52. */
class VarintWriter {
  private readonly parts: number[] = [];
  private readonly chunks: Buffer[] = [];

  int8(v: number): void {
    this.parts.push(v & 0xff);
  }

  varlong(n: number): void {
    let zigzag = n >= 0 ? n * 2 : -n * 2 - 1;
    while (zigzag >= 0x80) {
      this.parts.push((zigzag % 0x80) | 0x80);
      zigzag = Math.floor(zigzag / 0x80);
    }
    this.parts.push(zigzag);
  }

  /** Length-prefixed bytes; null is length -1. */
  bytes(value: Buffer | null): void {
    this.varlong(value === null ? -1 : value.length);
    if (value === null || value.length === 0) return;
    this.flushParts();
    this.chunks.push(value);
  }

  toBuffer(): Buffer {
    this.flushParts();
    return Buffer.concat(this.chunks);
  }

  private flushParts(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(Buffer.from(this.parts));
    this.parts.length = 0;
  }
}

export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

/** Decodes every record of every batch in `buf` (uncompressed or gzip), for assertions. */
export function decodeBatches(buf: Buffer): DecodedRecord[] {
  const out: DecodedRecord[] = [];
  let position = 0;
  while (position + BATCH.LOG_OVERHEAD <= buf.length) {
    const size = buf.readInt32BE(position + BATCH.LENGTH) + BATCH.LOG_OVERHEAD;
    if (position + size > buf.length) break;
    out.push(...decodeBatch(buf.subarray(position, position + size)));
    position += size;
  }
  return out;
}

export function decodeBatch(batch: Buffer): DecodedRecord[] {
  const baseOffset = Number(batch.readBigInt64BE(BATCH.BASE_OFFSET));
  const baseTimestamp = Number(batch.readBigInt64BE(BATCH.BASE_TIMESTAMP));
  const codec = batch.readInt16BE(BATCH.ATTRIBUTES) & ATTR_COMPRESSION_MASK;
  const count = batch.readInt32BE(BATCH.RECORDS_COUNT);
  const payload = batch.subarray(BATCH.HEADER_SIZE);
  if (codec !== 0 && codec !== 1)
    throw new Error(`decodeBatch reads codecs 0 and 1 only, not ${codec}`);
  const reader = new VarintReader(codec === 1 ? zlib.gunzipSync(payload) : payload);
  const records: DecodedRecord[] = [];
  for (let i = 0; i < count; i++) {
    reader.varlong(); // record length
    reader.int8(); // attributes
    const timestamp = baseTimestamp + reader.varlong();
    const offset = baseOffset + reader.varlong();
    const key = reader.bytes();
    const value = reader.bytes();
    const headerCount = reader.varlong();
    const headers = Array.from({ length: headerCount }, () => ({
      key: (reader.bytes() ?? Buffer.alloc(0)).toString('utf8'),
      value: reader.bytes(),
    }));
    records.push({ offset, timestamp, key, value, headers });
  }
  return records;
}

class VarintReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  int8(): number {
    return this.buf.readInt8(this.pos++);
  }

  varlong(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new RangeError('varint runs past the end of the records');
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) break;
      scale *= 0x80;
    }
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  }

  bytes(): Buffer | null {
    const length = this.varlong();
    if (length < 0) return null;
    const value = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return value;
  }
}
