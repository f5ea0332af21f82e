import { crc32c } from './crc32c';
import { ErrorCode, KafkaError } from './error-code';

/**
 * RecordBatch v2 header layout (https://kafka.apache.org/documentation/#recordbatch). The
 * broker reads and rewrites headers only; record bodies, compressed or not, stay untouched.
 */
export const BATCH = {
  BASE_OFFSET: 0,
  LENGTH: 8,
  LEADER_EPOCH: 12,
  MAGIC: 16,
  CRC: 17,
  ATTRIBUTES: 21,
  LAST_OFFSET_DELTA: 23,
  BASE_TIMESTAMP: 27,
  MAX_TIMESTAMP: 35,
  PRODUCER_ID: 43,
  PRODUCER_EPOCH: 51,
  BASE_SEQUENCE: 53,
  RECORDS_COUNT: 57,
  /** Bytes before the first record. */
  HEADER_SIZE: 61,
  /** baseOffset and batchLength: the part not counted by batchLength. */
  LOG_OVERHEAD: 12,
} as const;

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

export interface BatchHeader {
  /** Position of the batch in the buffer it was read from. */
  position: number;
  /** Whole size of the batch in bytes, including offset and length fields. */
  size: number;
  baseOffset: number;
  lastOffsetDelta: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordsCount: number;
}

export function readBatchHeader(buf: Buffer, position: number): BatchHeader {
  return {
    position,
    size: buf.readInt32BE(position + BATCH.LENGTH) + BATCH.LOG_OVERHEAD,
    baseOffset: Number(buf.readBigInt64BE(position + BATCH.BASE_OFFSET)),
    lastOffsetDelta: buf.readInt32BE(position + BATCH.LAST_OFFSET_DELTA),
    attributes: buf.readInt16BE(position + BATCH.ATTRIBUTES),
    baseTimestamp: Number(buf.readBigInt64BE(position + BATCH.BASE_TIMESTAMP)),
    maxTimestamp: Number(buf.readBigInt64BE(position + BATCH.MAX_TIMESTAMP)),
    producerId: Number(buf.readBigInt64BE(position + BATCH.PRODUCER_ID)),
    producerEpoch: buf.readInt16BE(position + BATCH.PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(position + BATCH.BASE_SEQUENCE),
    recordsCount: buf.readInt32BE(position + BATCH.RECORDS_COUNT),
  };
}

/** True when the batch's stored CRC-32C matches bytes 21 to its end. */
export function batchCrcMatches(buf: Buffer, position: number, size: number): boolean {
  const stored = buf.readUInt32BE(position + BATCH.CRC);
  return crc32c(buf, position + BATCH.ATTRIBUTES, position + size) === stored;
}

/**
 * Splits a produce request's record set into its batches and checks each one: complete,
 * magic 2, a CRC that matches, consistent counts, no control or transactional batches
 * (transactions are not served). Throws KafkaError with the code the client should see.
 */
export function validateProducedBatches(records: Buffer, maxBatchBytes: number): BatchHeader[] {
  const batches: BatchHeader[] = [];
  let position = 0;
  while (position < records.length) {
    if (records.length - position < BATCH.HEADER_SIZE) {
      throw new KafkaError(
        ErrorCode.CORRUPT_MESSAGE,
        `record set ends inside a batch header at byte ${position}`,
      );
    }
    const magic = records.readInt8(position + BATCH.MAGIC);
    if (magic !== 2) {
      throw new KafkaError(
        ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
        `batch at byte ${position} has magic ${magic}; only record format v2 (magic 2) is stored`,
      );
    }
    const header = readBatchHeader(records, position);
    assertBatchShape(records, header, maxBatchBytes);
    batches.push(header);
    position += header.size;
  }
  if (batches.length === 0) throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'empty record set');
  return batches;
}

function assertBatchShape(records: Buffer, h: BatchHeader, maxBatchBytes: number): void {
  const where = `batch at byte ${h.position}`;
  if (h.size < BATCH.HEADER_SIZE || h.position + h.size > records.length) {
    throw new KafkaError(
      ErrorCode.CORRUPT_MESSAGE,
      `${where} declares ${h.size} bytes; ${records.length - h.position} are present`,
    );
  }
  if (h.size > maxBatchBytes) {
    throw new KafkaError(
      ErrorCode.MESSAGE_TOO_LARGE,
      `${where} is ${h.size} bytes; the limit is ${maxBatchBytes}`,
    );
  }
  if (h.recordsCount <= 0 || h.lastOffsetDelta !== h.recordsCount - 1) {
    throw new KafkaError(
      ErrorCode.CORRUPT_MESSAGE,
      `${where} counts ${h.recordsCount} records but its last offset delta is ${h.lastOffsetDelta}`,
    );
  }
  if ((h.attributes & (ATTR_TRANSACTIONAL | ATTR_CONTROL)) !== 0) {
    throw new KafkaError(
      ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
      `${where} is transactional; transactions are not served`,
    );
  }
  if ((h.attributes & ATTR_COMPRESSION_MASK) > 4) {
    throw new KafkaError(
      ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
      `${where} names compression codec ${h.attributes & 7}`,
    );
  }
  if (!batchCrcMatches(records, h.position, h.size)) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `${where} fails its CRC-32C check`);
  }
}
