import type { JoinedUpEvent } from '@joinedup/contracts';
import { ConsumedRecord, headerText } from '@joinedup/kafka';
import { UnclaimedEventError } from '../errors/unclaimed-event.error';
import { UndecodableRecordError } from '../errors/undecodable-record.error';
import { EventCodec } from '../events/event-codec';
import { EVENT_HEADERS } from '../events/event-headers';
import { BackboneMetrics } from '../metrics/backbone-metrics';
import { DurationSeries } from '../metrics/duration-histogram';
import { BackboneDatabase } from '../persistence/backbone-database';
import { EventPublisher } from '../publisher/event-publisher';
import { RetryPolicy } from '../retry/retry-policy';
import { DispatchFailure } from './dispatch-failure';
import { EventContext } from './event-context';
import { HandlerRun } from './handler-run';
import { RegisteredHandler } from './registered-handler';

/** What became of a record that did not fail. */
export type DispatchOutcome = 'handled' | 'duplicate' | 'unclaimed' | 'tombstone';

export interface DispatchResult {
  outcome: DispatchOutcome;
  eventId?: string;
}

/** What to do with an event type no handler of the consumer claims. */
export type UnclaimedEventPolicy = 'skip' | 'dead-letter';

export interface RecordDispatcherDeps {
  groupId: string;
  codec: EventCodec;
  handlers: ReadonlyMap<string, RegisteredHandler>;
  unclaimedEvents: UnclaimedEventPolicy;
  defaultRetry: RetryPolicy;
  publisher: EventPublisher;
  metrics: BackboneMetrics;
  database?: BackboneDatabase;
}

/**
 * Turns one record into one handler run: reads its type, decodes it as the contract the app
 * was built with, and runs the handler inside a publish scope, in a transaction that first
 * claims the event id when the handler is idempotent. Failures leave as DispatchFailure.
 */
export class RecordDispatcher {
  private readonly durations = new Map<RegisteredHandler, DurationSeries>();

  constructor(private readonly deps: RecordDispatcherDeps) {}

  async dispatch(record: ConsumedRecord, attempt: number): Promise<DispatchResult> {
    const typeHeader = headerText(record.headers, EVENT_HEADERS.eventType);
    if (typeHeader !== undefined && !this.deps.handlers.has(typeHeader)) {
      return this.unclaimed(typeHeader);
    }
    if (record.value === null) return { outcome: 'tombstone' };

    const event = await this.decode(record, record.value, typeHeader);
    if (typeof event === 'string') return this.unclaimed(event);
    const handler = this.deps.handlers.get(event.eventType);
    if (handler === undefined) return this.unclaimed(event.eventType);

    try {
      const outcome = await this.run(handler, record, event, attempt);
      return { outcome, eventId: event.eventId };
    } catch (err) {
      throw new DispatchFailure(err, 'TASK_PUT', handler.retry, event.eventId);
    }
  }

  /** The event, or the name of a type the catalogue does not know. */
  private async decode(
    record: ConsumedRecord,
    value: Buffer,
    typeHeader: string | undefined,
  ): Promise<JoinedUpEvent | string> {
    const undecodable = (reason: string): DispatchFailure =>
      this.converterFailure(
        new UndecodableRecordError(record.topic, record.partition, record.offset, reason),
      );
    let decoded;
    try {
      decoded = await this.deps.codec.decode(value, typeHeader);
    } catch (err) {
      throw this.converterFailure(err);
    }
    if (!decoded.known) {
      if (decoded.eventType === undefined) throw undecodable('its value has no eventType field');
      return decoded.eventType;
    }
    if (decoded.event.eventType !== decoded.entry.eventType) {
      throw undecodable(
        `its eventType header says ${decoded.entry.eventType} but its value says ` +
          JSON.stringify(decoded.event.eventType),
      );
    }
    return decoded.event;
  }

  private async run(
    handler: RegisteredHandler,
    record: ConsumedRecord,
    event: JoinedUpEvent,
    attempt: number,
  ): Promise<DispatchOutcome> {
    const startedAt = performance.now();
    try {
      const database = this.deps.database;
      if (handler.idempotent && database) {
        return await this.runInTransaction(database, handler, record, event, attempt);
      }
      const run = new HandlerRun(record, event);
      await handler.invoke(
        event,
        new EventContext(record, event, attempt, this.deps.publisher, run),
      );
      if (run.held) await this.deps.publisher.send(run.held);
      return 'handled';
    } finally {
      this.durationOf(handler).observeSince(startedAt);
    }
  }

  /**
   * The claim of the event id, the handler's writes and its outgoing events commit together
   * or not at all, so a redelivery after a crash finds the claim and changes nothing.
   */
  private async runInTransaction(
    database: BackboneDatabase,
    handler: RegisteredHandler,
    record: ConsumedRecord,
    event: JoinedUpEvent,
    attempt: number,
  ): Promise<DispatchOutcome> {
    let appended = false;
    const claimed = await database.unitOfWork.run(async (tx) => {
      if (!(await database.processed.claim(tx, this.deps.groupId, event.eventId))) return false;
      const run = new HandlerRun(record, event, database, tx);
      const context = new EventContext(record, event, attempt, this.deps.publisher, run);
      await handler.invoke(event, context);
      appended = run.appended;
      return true;
    });
    if (appended) database.relay.notify();
    return claimed ? 'handled' : 'duplicate';
  }

  private durationOf(handler: RegisteredHandler): DurationSeries {
    let series = this.durations.get(handler);
    if (series === undefined) {
      series = this.deps.metrics.handlerDuration(
        this.deps.groupId,
        handler.topic,
        handler.eventType,
      );
      this.durations.set(handler, series);
    }
    return series;
  }

  private unclaimed(eventType: string): DispatchResult {
    if (this.deps.unclaimedEvents === 'skip') return { outcome: 'unclaimed' };
    throw new DispatchFailure(
      new UnclaimedEventError(eventType, this.deps.groupId),
      'TASK_PUT',
      this.deps.defaultRetry,
    );
  }

  private converterFailure(err: unknown): DispatchFailure {
    return new DispatchFailure(err, 'VALUE_CONVERTER', this.deps.defaultRetry);
  }
}
