import type { JoinedUpEvent } from '@joinedup/contracts';
import { ConsumedRecord, headerText } from '@joinedup/kafka';
import { Transaction } from '@joinedup/persistence';
import { EVENT_HEADERS } from '../events/event-headers';
import { BackboneDatabase } from '../persistence/backbone-database';
import { EncodedEvent } from '../publisher/encoded-event';
import { CausingEvent, PublishScope } from '../publisher/publish-scope';
import { childSpan, parseTraceparent, startTrace, TraceContext } from '../tracing/trace-context';

/**
 * One run of a handler on one event: the cause of what it publishes, and where that goes. In
 * a transaction, published events are appended to the outbox in it; without one they are held
 * until the handler has succeeded. One object per event, because the consumer makes one for
 * every record it handles.
 */
export class HandlerRun implements PublishScope, CausingEvent {
  held: EncodedEvent[] | undefined;
  appended = false;
  private span: TraceContext | undefined;

  constructor(
    private readonly record: ConsumedRecord,
    private readonly event: JoinedUpEvent,
    private readonly database?: BackboneDatabase,
    readonly tx?: Transaction,
  ) {}

  get cause(): CausingEvent {
    return this;
  }

  get eventId(): string {
    return this.event.eventId;
  }

  get correlationId(): string {
    return this.event.correlationId;
  }

  /**
   * The consumer's span, made on first use: most handlers publish nothing, and parsing the
   * header and drawing an id for every event would be wasted on them.
   */
  trace(): TraceContext {
    if (this.span === undefined) {
      const parent = parseTraceparent(
        headerText(this.record.headers, EVENT_HEADERS.traceparent),
        headerText(this.record.headers, EVENT_HEADERS.tracestate),
      );
      this.span = parent ? childSpan(parent) : startTrace();
    }
    return this.span;
  }

  async deliver(events: readonly EncodedEvent[]): Promise<void> {
    if (this.tx !== undefined && this.database !== undefined) {
      this.appended = true;
      await this.database.outbox.append(this.tx, [...events]);
      return;
    }
    (this.held ??= []).push(...events);
  }
}
