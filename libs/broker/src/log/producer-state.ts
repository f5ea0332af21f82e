import { BatchHeader, ErrorCode, KafkaError } from '../protocol';

/** Batches remembered per producer for answering resends, as Kafka does (max.in.flight 5). */
export const RETAINED_BATCHES_PER_PRODUCER = 5;

/**
 * Producers remembered per partition. Each idempotent producer session gets a new id, so
 * without a bound the map would grow with every client run; the least recently written
 * producer is forgotten first, as Kafka forgets producers after producer.id.expiration.ms.
 */
export const MAX_PRODUCERS_PER_PARTITION = 1000;

/** Sequences are int32 and wrap from 2^31 - 1 to 0 (Kafka's DefaultRecordBatch.incrementSequence). */
const SEQUENCE_MODULUS = 2 ** 31;

export interface ProducerBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
  lastOffset: number;
}

interface ProducerEntry {
  epoch: number;
  /** Oldest first, at most RETAINED_BATCHES_PER_PRODUCER. */
  batches: ProducerBatch[];
}

export function incrementSequence(sequence: number, increment: number): number {
  return (sequence + increment) % SEQUENCE_MODULUS;
}

function isIdempotent(batch: BatchHeader): boolean {
  return batch.producerId >= 0;
}

/**
 * Per-partition idempotent-producer state: for each producer id its epoch and its last few
 * batches' sequence ranges and offsets. Rebuilt at open by replaying batch headers.
 */
export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerEntry>();

  get producerCount(): number {
    return this.producers.size;
  }

  /**
   * Checks a request's batches against the state, in order, without changing it. Returns for
   * each batch the stored batch it resends, or undefined when it is new and may be written.
   * Throws KafkaError OUT_OF_ORDER_SEQUENCE_NUMBER or INVALID_PRODUCER_EPOCH.
   */
  check(batches: readonly BatchHeader[]): (ProducerBatch | undefined)[] {
    const pending = new Map<number, { epoch: number; lastSeq: number }>();
    return batches.map((batch) => {
      if (!isIdempotent(batch)) return undefined;
      const stored = this.producers.get(batch.producerId);
      const duplicate = pending.has(batch.producerId) ? undefined : findDuplicate(stored, batch);
      if (duplicate) return duplicate;
      const current = pending.get(batch.producerId) ?? lastWritten(stored);
      if (current) assertNextInSequence(batch, current.epoch, current.lastSeq);
      pending.set(batch.producerId, {
        epoch: batch.producerEpoch,
        lastSeq: incrementSequence(batch.baseSequence, batch.lastOffsetDelta),
      });
      return undefined;
    });
  }

  /** Records a batch written at its (rewritten) baseOffset, or one replayed from the log. */
  record(batch: BatchHeader): void {
    if (!isIdempotent(batch)) return;
    const stored = this.producers.get(batch.producerId);
    const entry: ProducerEntry =
      stored && stored.epoch === batch.producerEpoch
        ? stored
        : { epoch: batch.producerEpoch, batches: [] };
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: incrementSequence(batch.baseSequence, batch.lastOffsetDelta),
      baseOffset: batch.baseOffset,
      lastOffset: batch.baseOffset + batch.lastOffsetDelta,
    });
    if (entry.batches.length > RETAINED_BATCHES_PER_PRODUCER) entry.batches.shift();
    // Re-inserting keeps the map in least-recently-written order for eviction.
    this.producers.delete(batch.producerId);
    this.producers.set(batch.producerId, entry);
    if (this.producers.size > MAX_PRODUCERS_PER_PARTITION) {
      const oldest = this.producers.keys().next().value as number;
      this.producers.delete(oldest);
    }
  }

  /** Forgets producers whose every remembered batch retention has deleted, as Kafka does. */
  removeBefore(logStartOffset: number): void {
    for (const [producerId, entry] of this.producers) {
      const last = entry.batches[entry.batches.length - 1];
      if (!last || last.lastOffset < logStartOffset) this.producers.delete(producerId);
    }
  }

  /** Forgets producers whose batches start at or after `offset` (their data was truncated). */
  truncateFrom(offset: number): void {
    for (const [producerId, entry] of this.producers) {
      entry.batches = entry.batches.filter((b) => b.baseOffset < offset);
      if (entry.batches.length === 0) this.producers.delete(producerId);
    }
  }
}

function findDuplicate(
  stored: ProducerEntry | undefined,
  batch: BatchHeader,
): ProducerBatch | undefined {
  if (!stored || stored.epoch !== batch.producerEpoch) return undefined;
  const lastSeq = incrementSequence(batch.baseSequence, batch.lastOffsetDelta);
  return stored.batches.find((b) => b.firstSeq === batch.baseSequence && b.lastSeq === lastSeq);
}

function lastWritten(
  stored: ProducerEntry | undefined,
): { epoch: number; lastSeq: number } | undefined {
  const last = stored?.batches[stored.batches.length - 1];
  return stored && last ? { epoch: stored.epoch, lastSeq: last.lastSeq } : undefined;
}

function assertNextInSequence(batch: BatchHeader, epoch: number, lastSeq: number): void {
  const who = `producer ${batch.producerId}`;
  if (batch.producerEpoch < epoch) {
    throw new KafkaError(
      ErrorCode.INVALID_PRODUCER_EPOCH,
      `${who} sent epoch ${batch.producerEpoch}, older than its current epoch ${epoch}`,
    );
  }
  if (batch.producerEpoch > epoch) {
    if (batch.baseSequence === 0) return;
    throw new KafkaError(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      `${who} started epoch ${batch.producerEpoch} at sequence ${batch.baseSequence}; a new epoch starts at 0`,
    );
  }
  const expected = incrementSequence(lastSeq, 1);
  if (batch.baseSequence !== expected) {
    throw new KafkaError(
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      `${who} sent sequence ${batch.baseSequence}; the next expected is ${expected}`,
    );
  }
}
