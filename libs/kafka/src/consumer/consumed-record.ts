/** Headers of a consumed record: bytes, an array when a key repeats (Kafka allows that). */
export type RecordHeaders = Readonly<Record<string, Buffer | readonly Buffer[] | undefined>>;

/** A record as read from a partition. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  /** Offset as a decimal string: Kafka offsets are 64-bit. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
  /** Create or log-append time in epoch milliseconds, as a decimal string. */
  timestamp: string;
}

/** The records fetched from one partition, in offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  /** The partition's end offset when it was fetched. */
  highWatermark: string;
  records: readonly ConsumedRecord[];
}

/** What a batch handler may do while it works through a batch. */
export interface PartitionBatchControl {
  /** Tells the group this member is alive; rejects with a rebalance error when the group moved on. */
  heartbeat(): Promise<void>;
  /**
   * Commits the group's position after `offset`, the last record whose work is durable. A
   * redelivery starts after it.
   */
  commit(offset: string): Promise<void>;
  /** False once the consumer is stopping: finish the current record and return. */
  isRunning(): boolean;
  /**
   * True when the rest of the batch must be dropped: a heartbeat or commit of this batch met a
   * rebalance, so the partition may belong to another member now. (kafkajs also calls a batch
   * stale after a seek; this library never seeks.)
   */
  isStale(): boolean;
  /**
   * Leaves the rest of the batch unprocessed and fetches it again, from the record after the
   * last commit, once `delayMs` has passed. The partition is paused meanwhile, so the other
   * partitions keep flowing: this is how a retry backs off without stalling them.
   */
  redeliverAfter(delayMs: number): void;
}

export type PartitionBatchHandler = (
  batch: PartitionBatch,
  control: PartitionBatchControl,
) => Promise<void>;

/** The text of a header (its last value when repeated), or undefined when absent. */
export function headerText(headers: RecordHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  const list = value as readonly Buffer[];
  return list.length === 0 ? undefined : list[list.length - 1].toString('utf8');
}
