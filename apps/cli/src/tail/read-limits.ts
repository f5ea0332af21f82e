import { ConsumedRecord } from '../kafka/kafka-gateway';

/**
 * When a tail is done: after `max` records, or, unless it follows the topic, once every
 * partition has reached the end offset it had when the tail started.
 */
export class ReadLimits {
  private readonly unfinished = new Set<number>();
  private count = 0;

  /**
   * @param ends each partition's end offset at the start, or undefined to follow for ever
   * @param from the offset each partition starts at
   */
  constructor(
    private readonly ends: ReadonlyMap<number, bigint> | undefined,
    from: ReadonlyMap<number, bigint>,
    private readonly max: number | undefined,
  ) {
    if (ends === undefined) return;
    for (const [partition, end] of ends) {
      if ((from.get(partition) ?? end) < end) this.unfinished.add(partition);
    }
  }

  get finished(): boolean {
    if (this.max !== undefined && this.count >= this.max) return true;
    return this.ends !== undefined && this.unfinished.size === 0;
  }

  /** Partitions not yet read to their end offset, for saying where a tail stopped. */
  get unfinishedPartitions(): number[] {
    return [...this.unfinished].sort((a, b) => a - b);
  }

  /** True for a record written after the tail started, which it does not print. */
  isBeyondEnd(record: ConsumedRecord): boolean {
    const end = this.ends?.get(record.partition);
    if (end === undefined || record.offset < end) return false;
    this.unfinished.delete(record.partition);
    return true;
  }

  /** Counts a printed record; the last one before a partition's end finishes it. */
  printed(record: ConsumedRecord): void {
    this.count++;
    const end = this.ends?.get(record.partition);
    if (end !== undefined && record.offset + 1n >= end) this.unfinished.delete(record.partition);
  }
}
