import { KafkaProducer, ProducerRecord } from '@joinedup/kafka';
import { Transaction } from '@joinedup/persistence';
import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { EventPublishError } from '../errors/event-publish.error';
import { EventCodec } from '../events/event-codec';
import { EVENT_HEADERS } from '../events/event-headers';
import { EventInput } from '../events/event-types';
import { BackboneMetrics } from '../metrics/backbone-metrics';
import { BackboneDatabase } from '../persistence/backbone-database';
import {
  childSpan,
  formatTraceparent,
  parseTraceparent,
  startTrace,
  TraceContext,
} from '../tracing/trace-context';
import { completeEnvelope } from './complete-envelope';
import { EncodedEvent, PublishedEvent } from './encoded-event';
import { CausingEvent, PublishScope } from './publish-scope';

export interface PublishOptions {
  /**
   * The trace the events belong to, e.g. an incoming HTTP request's `traceparent`; the events
   * get a child span of it. Ignored inside a handler, where the consumed event's trace is used.
   */
  traceparent?: string;
  tracestate?: string;
}

export interface EventPublisherDeps {
  codec: EventCodec;
  producer: KafkaProducer;
  metrics: BackboneMetrics;
  pseudonymKey?: Buffer;
  /** The database once it is open; undefined when none is configured. */
  database?: () => BackboneDatabase | undefined;
  now?: () => Date;
}

/**
 * Publishes typed events: fills in the envelope, encodes each under its catalogue subject,
 * keys it by its subject key and adds the id, correlation and W3C trace headers.
 *
 * publish() sends at once and resolves when Kafka has acknowledged the events. A handler
 * publishes through its EventContext instead, so its events derive from the consumed one and
 * travel with its work; withTransaction gives other code the same outbox guarantee.
 */
export class EventPublisher {
  private readonly now: () => Date;

  constructor(private readonly deps: EventPublisherDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async publish(
    events: EventInput | readonly EventInput[],
    options: PublishOptions = {},
  ): Promise<PublishedEvent[]> {
    const { records, reports } = await this.encodeAll(events, undefined, () => traceFrom(options));
    await this.send(records);
    return reports;
  }

  /**
   * Publishes into a scope: derived from its cause (same correlation id, the cause as
   * causation, a child span), delivered where the scope says. For EventContext and
   * withTransaction.
   */
  async publishIn(
    scope: PublishScope,
    events: EventInput | readonly EventInput[],
    options: PublishOptions = {},
  ): Promise<PublishedEvent[]> {
    const cause = scope.cause;
    const trace = cause ? () => childSpan(cause.trace()) : () => traceFrom(options);
    const { records, reports } = await this.encodeAll(events, cause, trace);
    await scope.deliver(records);
    return reports;
  }

  /**
   * Runs work in one database transaction in which `publish` writes to the outbox, so the
   * events are published if and only if the work commits. The relay is woken after the commit.
   */
  async withTransaction<T>(
    work: (
      tx: Transaction,
      publish: (
        events: EventInput | readonly EventInput[],
        options?: PublishOptions,
      ) => Promise<PublishedEvent[]>,
    ) => Promise<T>,
  ): Promise<T> {
    const database = this.deps.database?.();
    if (!database) {
      throw new BackboneConfigurationError(
        'withTransaction needs a database: give the backbone its database options',
        { option: 'database' },
      );
    }
    let appended = false;
    const result = await database.unitOfWork.run((tx) => {
      const scope: PublishScope = {
        deliver: async (events) => {
          appended = true;
          await database.outbox.append(tx, [...events]);
        },
      };
      return work(tx, (events, options) => this.publishIn(scope, events, options));
    });
    if (appended) database.relay.notify();
    return result;
  }

  /** Sends encoded records (events or relayed outbox messages) and counts them per topic. */
  async send(records: readonly Omit<ProducerRecord, 'partition'>[]): Promise<void> {
    if (records.length === 0) return;
    await this.deps.producer.send(records);
    const perTopic = new Map<string, number>();
    for (const record of records) perTopic.set(record.topic, (perTopic.get(record.topic) ?? 0) + 1);
    for (const [topic, count] of perTopic) this.deps.metrics.produced(topic, count);
  }

  private async encodeAll(
    events: EventInput | readonly EventInput[],
    cause: CausingEvent | undefined,
    trace: () => TraceContext,
  ): Promise<{ records: EncodedEvent[]; reports: PublishedEvent[] }> {
    const list: readonly EventInput[] = isList(events) ? events : [events];
    const records: EncodedEvent[] = [];
    const reports: PublishedEvent[] = [];
    for (const input of list) {
      const { record, report } = await this.encode(input, cause, trace());
      records.push(record);
      reports.push(report);
    }
    return { records, reports };
  }

  private async encode(
    input: EventInput,
    cause: CausingEvent | undefined,
    trace: TraceContext,
  ): Promise<{ record: EncodedEvent; report: PublishedEvent }> {
    const entry = this.deps.codec.entry(input.eventType);
    if (entry === undefined) {
      throw new EventPublishError(
        input.eventType,
        'the contracts catalogue has no such event type',
      );
    }
    const event = completeEnvelope(input, entry, cause, this.deps.pseudonymKey, this.now());
    const value = await this.deps.codec.encode(entry, event);
    const traceparent = formatTraceparent(trace);
    const headers: Record<string, string> = {
      [EVENT_HEADERS.eventType]: event.eventType,
      [EVENT_HEADERS.eventId]: event.eventId,
      [EVENT_HEADERS.correlationId]: event.correlationId,
      [EVENT_HEADERS.traceparent]: traceparent,
    };
    if (event.causationId !== null) headers[EVENT_HEADERS.causationId] = event.causationId;
    if (trace.tracestate) headers[EVENT_HEADERS.tracestate] = trace.tracestate;
    return {
      record: { topic: entry.topic, key: Buffer.from(event.subjectKey), value, headers },
      report: {
        eventType: event.eventType,
        eventId: event.eventId,
        topic: entry.topic,
        correlationId: event.correlationId,
        causationId: event.causationId,
        traceparent,
      },
    };
  }
}

function traceFrom(options: PublishOptions): TraceContext {
  const parent = parseTraceparent(options.traceparent, options.tracestate);
  return parent ? childSpan(parent) : startTrace();
}

function isList<T>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value);
}
