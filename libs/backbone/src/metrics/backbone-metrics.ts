import { Counter, Gauge, Registry } from 'prom-client';
import { DurationHistogram, DurationSeries } from './duration-histogram';

/** Counters of one partition of one group, resolved once so the hot path does no label lookups. */
export interface PartitionCounters {
  consumed: Counter.Internal;
  duplicate: Counter.Internal;
  retried: Counter.Internal;
  deadLettered: Counter.Internal;
  skipped(reason: SkipReason): Counter.Internal;
}

/** Why a record was passed over without a handler: see the README's unclaimed-event policy. */
export type SkipReason = 'unclaimed' | 'tombstone';

const PARTITION_LABELS = ['group', 'topic', 'partition'] as const;

/**
 * The backbone's Prometheus metrics, in a registry of the app's own (never prom-client's
 * global one, so two apps or two tests in one process do not share counts).
 */
export class BackboneMetrics {
  readonly registry: Registry;
  private readonly consumed: Counter<(typeof PARTITION_LABELS)[number]>;
  private readonly duplicates: Counter<(typeof PARTITION_LABELS)[number]>;
  private readonly retries: Counter<(typeof PARTITION_LABELS)[number]>;
  private readonly deadLetters: Counter<(typeof PARTITION_LABELS)[number]>;
  private readonly skips: Counter<(typeof PARTITION_LABELS)[number] | 'reason'>;
  private readonly producedCount: Counter<'topic'>;
  private readonly handlerSeconds: DurationHistogram;
  private readonly lag: Gauge<(typeof PARTITION_LABELS)[number]>;
  private readonly outboxPending: Gauge<string>;
  private readonly partitions = new Map<string, PartitionCounters>();

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    this.consumed = new Counter({
      name: 'joinedup_events_consumed_total',
      help: 'Events handled to completion (their work is durable and their offset may be committed).',
      labelNames: PARTITION_LABELS,
      registers,
    });
    this.duplicates = new Counter({
      name: 'joinedup_events_duplicate_total',
      help: 'Redelivered events skipped because the consumer had already processed their event id.',
      labelNames: PARTITION_LABELS,
      registers,
    });
    this.retries = new Counter({
      name: 'joinedup_events_retried_total',
      help: 'Handler attempts that failed with a retriable error and were scheduled again.',
      labelNames: PARTITION_LABELS,
      registers,
    });
    this.deadLetters = new Counter({
      name: 'joinedup_events_dead_lettered_total',
      help: 'Records written to <topic>.dlq: non-retriable failures and exhausted retries.',
      labelNames: PARTITION_LABELS,
      registers,
    });
    this.skips = new Counter({
      name: 'joinedup_events_skipped_total',
      help: 'Records passed over without a handler: event types no handler claims, tombstones.',
      labelNames: [...PARTITION_LABELS, 'reason'],
      registers,
    });
    this.producedCount = new Counter({
      name: 'joinedup_events_produced_total',
      help: 'Records acknowledged by Kafka: events, relayed outbox messages and dead letters.',
      labelNames: ['topic'],
      registers,
    });
    this.handlerSeconds = new DurationHistogram(
      'joinedup_handler_duration_seconds',
      'Time from decoded event to durable result, per attempt, including its transaction.',
      registry,
    );
    this.lag = new Gauge({
      name: 'joinedup_consumer_lag',
      help: 'Records a group has yet to commit on a partition: end offset minus committed offset.',
      labelNames: PARTITION_LABELS,
      registers,
    });
    this.outboxPending = new Gauge({
      name: 'joinedup_outbox_pending',
      help: 'Outbox messages committed but not yet published, at the last health check.',
      registers,
    });
  }

  partition(group: string, topic: string, partition: number): PartitionCounters {
    const key = `${group}\u0000${topic}\u0000${partition}`;
    let counters = this.partitions.get(key);
    if (counters === undefined) {
      const labels = { group, topic, partition: String(partition) };
      const skipped = new Map<SkipReason, Counter.Internal>();
      counters = {
        consumed: this.consumed.labels(labels),
        duplicate: this.duplicates.labels(labels),
        retried: this.retries.labels(labels),
        deadLettered: this.deadLetters.labels(labels),
        skipped: (reason) => {
          let counter = skipped.get(reason);
          if (counter === undefined) {
            counter = this.skips.labels({ ...labels, reason });
            skipped.set(reason, counter);
          }
          return counter;
        },
      };
      this.partitions.set(key, counters);
    }
    return counters;
  }

  /** The duration series of one handler; look it up once and keep it. */
  handlerDuration(group: string, topic: string, eventType: string): DurationSeries {
    return this.handlerSeconds.seriesFor({ group, topic, event_type: eventType });
  }

  produced(topic: string, count: number): void {
    this.producedCount.inc({ topic }, count);
  }

  setLag(group: string, topic: string, partition: number, lag: number): void {
    this.lag.set({ group, topic, partition: String(partition) }, lag);
  }

  setOutboxPending(count: number): void {
    this.outboxPending.set(count);
  }

  /** The text exposition format, for a /metrics endpoint. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
