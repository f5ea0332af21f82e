import {
  ConsumedRecord,
  KafkaClientError,
  PartitionBatch,
  PartitionBatchControl,
} from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import { DeadLetterFailure } from '../dead-letter/dead-letter-headers';
import { DeadLetterWriter } from '../dead-letter/dead-letter-writer';
import { classifyFailure } from '../errors/classify-failure';
import { BackboneMetrics, PartitionCounters } from '../metrics/backbone-metrics';
import { backoffDelayMs, RetryPolicy } from '../retry/retry-policy';
import { DispatchFailure } from './dispatch-failure';
import { DispatchOutcome, RecordDispatcher } from './record-dispatcher';

export interface PartitionBatchProcessorOptions {
  groupId: string;
  /** How often a running batch heartbeats, so a long handler does not cost the assignment. */
  heartbeatIntervalMs: number;
  /** Backoff while a dead letter cannot be written (Kafka itself is failing). */
  defaultRetry: RetryPolicy;
  random?: () => number;
}

/** A record that failed and is due again: the next attempt, or its dead letter. */
interface DueAgain {
  offset: string;
  attempt: number;
  deadLetter?: DeadLetterFailure & { eventId?: string };
}

type Step = { kind: 'done' } | { kind: 'retry'; delayMs: number };

/**
 * Works through one partition's batch in offset order. Each record is handled, skipped or
 * dead-lettered before the next; the position is committed after the last one whose work is
 * durable. A retriable failure ends the batch early: what is done is committed, the partition
 * is paused for the backoff and the failed record is fetched again, so the other partitions
 * carry on meanwhile. While the batch runs a timer heartbeats for it.
 */
export class PartitionBatchProcessor {
  private readonly log = createLogger(PartitionBatchProcessor.name);
  private readonly dueAgain = new Map<string, DueAgain>();
  private readonly random: () => number;

  constructor(
    private readonly dispatcher: RecordDispatcher,
    private readonly deadLetters: DeadLetterWriter,
    private readonly metrics: BackboneMetrics,
    private readonly options: PartitionBatchProcessorOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  readonly process = async (
    batch: PartitionBatch,
    control: PartitionBatchControl,
  ): Promise<void> => {
    const counters = this.metrics.partition(this.options.groupId, batch.topic, batch.partition);
    const tally = new OutcomeTally();
    const stopHeartbeats = this.keepAlive(batch, control);
    const key = `${batch.topic}\u0000${batch.partition}`;
    // A failed record comes back as the first of a batch: only that one can be due again.
    let due = this.dueAgain.get(key);
    let lastDone: string | undefined;
    try {
      for (const record of batch.records) {
        if (!control.isRunning() || control.isStale()) break;
        const step = await this.processRecord(record, key, due, counters, tally);
        due = undefined;
        if (step.kind === 'retry') {
          await this.commit(batch, control, lastDone);
          if (control.isRunning() && !control.isStale()) control.redeliverAfter(step.delayMs);
          return;
        }
        lastDone = record.offset;
      }
    } finally {
      stopHeartbeats();
      tally.flush(counters);
    }
    await this.commit(batch, control, lastDone);
  };

  private async processRecord(
    record: ConsumedRecord,
    key: string,
    due: DueAgain | undefined,
    counters: PartitionCounters,
    tally: OutcomeTally,
  ): Promise<Step> {
    const isDue = due !== undefined && due.offset === record.offset;
    if (due !== undefined && !isDue) this.dueAgain.delete(key);
    if (isDue && due.deadLetter) return this.deadLetter(record, due.deadLetter, counters);
    const attempt = isDue ? due.attempt : 1;

    try {
      const { outcome } = await this.dispatcher.dispatch(record, attempt);
      tally.count(outcome);
      if (due !== undefined) this.dueAgain.delete(key);
      return { kind: 'done' };
    } catch (err) {
      return this.onFailure(record, attempt, err, counters);
    }
  }

  private onFailure(
    record: ConsumedRecord,
    attempt: number,
    err: unknown,
    counters: PartitionCounters,
  ): Step | Promise<Step> {
    const dispatch =
      err instanceof DispatchFailure
        ? err
        : new DispatchFailure(err, 'TASK_PUT', this.options.defaultRetry);
    const failure = classifyFailure(dispatch.error);
    if (failure.retriable && attempt < dispatch.retry.maxAttempts) {
      const delayMs = backoffDelayMs(dispatch.retry, attempt, this.random);
      this.dueAgain.set(partitionKey(record), { offset: record.offset, attempt: attempt + 1 });
      counters.retried.inc();
      this.log.warn('handler failed; will retry', {
        ...where(record),
        eventId: dispatch.eventId,
        attempt,
        maxAttempts: dispatch.retry.maxAttempts,
        delayMs,
        code: failure.code,
      });
      return { kind: 'retry', delayMs };
    }
    return this.deadLetter(
      record,
      {
        error: dispatch.error,
        failure,
        stage: dispatch.stage,
        attempts: attempt,
        groupId: this.options.groupId,
        eventId: dispatch.eventId,
      },
      counters,
    );
  }

  /**
   * A record is passed over only once its dead letter is acknowledged; while Kafka refuses it
   * the partition backs off and tries the dead letter again, without running the handler.
   */
  private async deadLetter(
    record: ConsumedRecord,
    cause: DeadLetterFailure & { eventId?: string },
    counters: PartitionCounters,
  ): Promise<Step> {
    try {
      await this.deadLetters.write(record, cause, cause.eventId);
      counters.deadLettered.inc();
      this.dueAgain.delete(partitionKey(record));
      return { kind: 'done' };
    } catch (err) {
      const failure = classifyFailure(err);
      this.dueAgain.set(partitionKey(record), {
        offset: record.offset,
        attempt: cause.attempts,
        deadLetter: cause,
      });
      const delayMs = backoffDelayMs(this.options.defaultRetry, cause.attempts, this.random);
      this.log.error('dead letter not written; will try again', {
        ...where(record),
        eventId: cause.eventId,
        code: failure.code,
        delayMs,
      });
      return { kind: 'retry', delayMs };
    }
  }

  /**
   * A failed commit loses nothing: the records after the last good commit are delivered again
   * (to this member or the partition's new owner) and idempotent handlers skip them.
   */
  private async commit(
    batch: PartitionBatch,
    control: PartitionBatchControl,
    offset: string | undefined,
  ): Promise<void> {
    if (offset === undefined) return;
    try {
      await control.commit(offset);
    } catch (err) {
      const rebalance = err instanceof KafkaClientError && err.isRebalance;
      const context = { topic: batch.topic, partition: batch.partition, offset, code: codeOf(err) };
      if (rebalance)
        this.log.info('commit refused by a rebalance; records will be redelivered', context);
      else this.log.warn('commit failed; records will be redelivered', context);
    }
  }

  /** Heartbeats on a timer while the batch runs; a rebalance seen here makes the batch stale. */
  private keepAlive(batch: PartitionBatch, control: PartitionBatchControl): () => void {
    const timer = setInterval(() => {
      control.heartbeat().catch((err: unknown) => {
        const context = { topic: batch.topic, partition: batch.partition, code: codeOf(err) };
        if (err instanceof KafkaClientError && err.isRebalance) {
          this.log.info('group is rebalancing; finishing the current record', context);
        } else {
          this.log.warn('heartbeat failed', context);
        }
      });
    }, this.options.heartbeatIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

function partitionKey(record: ConsumedRecord): string {
  return `${record.topic}\u0000${record.partition}`;
}

function where(record: ConsumedRecord): Record<string, unknown> {
  return { topic: record.topic, partition: record.partition, offset: record.offset };
}

function codeOf(err: unknown): string | undefined {
  return classifyFailure(err).code;
}

/**
 * Outcomes counted for a batch and added to the counters once at its end: prom-client hashes
 * the labels on every increment, which per record was a measurable share of the cost.
 */
class OutcomeTally {
  private readonly counts = new Map<DispatchOutcome, number>();

  count(outcome: DispatchOutcome): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }

  flush(counters: PartitionCounters): void {
    for (const [outcome, n] of this.counts) {
      if (outcome === 'handled') counters.consumed.inc(n);
      else if (outcome === 'duplicate') counters.duplicate.inc(n);
      else counters.skipped(outcome).inc(n);
    }
    this.counts.clear();
  }
}
