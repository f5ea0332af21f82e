import { BaseRpcContext } from '@nestjs/microservices';
import type { JoinedUpEvent } from '@joinedup/contracts';
import { ConsumedRecord, headerText } from '@joinedup/kafka';
import { Transaction } from '@joinedup/persistence';
import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { EventInput } from '../events/event-types';
import { PublishedEvent } from '../publisher/encoded-event';
import { EventPublisher } from '../publisher/event-publisher';
import { HandlerRun } from './handler-run';
import { TraceContext } from '../tracing/trace-context';

/**
 * What a handler gets besides its event (Nest's `@Ctx()`): where the event came from, which
 * attempt this is, the trace span it runs in, its transaction, and publish(), whose events
 * derive from this one.
 */
export class EventContext extends BaseRpcContext<[ConsumedRecord]> {
  constructor(
    readonly record: ConsumedRecord,
    readonly event: JoinedUpEvent,
    /** 1 for the first delivery, counting up through retries. */
    readonly attempt: number,
    private readonly publisher: EventPublisher,
    private readonly run: HandlerRun,
  ) {
    super([record]);
  }

  /** The consumer's span: a child of the producer's span in the event's traceparent. */
  get trace(): TraceContext {
    return this.run.trace();
  }

  get topic(): string {
    return this.record.topic;
  }

  get partition(): number {
    return this.record.partition;
  }

  get offset(): string {
    return this.record.offset;
  }

  get eventId(): string {
    return this.event.eventId;
  }

  get correlationId(): string {
    return this.event.correlationId;
  }

  header(name: string): string | undefined {
    return headerText(this.record.headers, name);
  }

  /**
   * The transaction the handler's writes belong to: it commits together with the record that
   * this event was processed, and the offset is committed only after it.
   */
  transaction(): Transaction {
    const tx = this.run.tx;
    if (tx === undefined) {
      throw new BackboneConfigurationError(
        `the handler of ${this.event.eventType} has no transaction: configure a database ` +
          'and leave the handler idempotent (the default)',
        { eventType: this.event.eventType },
      );
    }
    return tx;
  }

  /**
   * Publishes events derived from this one (same correlation id, caused by this event, a child
   * span of its trace), with the handler's work: into the outbox in its transaction, or, for a
   * handler without one, sent once it has succeeded.
   */
  publish(events: EventInput | readonly EventInput[]): Promise<PublishedEvent[]> {
    return this.publisher.publishIn(this.run, events);
  }
}
