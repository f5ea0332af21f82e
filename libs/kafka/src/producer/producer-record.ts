/** A header value as Kafka carries it: bytes, or text sent as UTF-8. */
export type HeaderValue = string | Buffer;

/** Headers of a record to produce; a repeated key is given as an array. */
export type OutgoingHeaders = Record<string, HeaderValue | HeaderValue[]>;

/** A record to produce. A null key lets the partitioner spread records; a null value is a tombstone. */
export interface ProducerRecord {
  topic: string;
  key: Buffer | string | null;
  value: Buffer | null;
  headers?: OutgoingHeaders;
  /** Pins the partition; otherwise it follows from the key (murmur2, as the Java client). */
  partition?: number;
}

/** Where a produced batch went. */
export interface ProducedOffsets {
  topic: string;
  partition: number;
  /** Offset of the first record written to this partition by the call, as a decimal string. */
  baseOffset: string;
}
