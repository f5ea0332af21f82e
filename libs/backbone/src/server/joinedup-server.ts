import { EventEmitter } from 'node:events';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { JoinedUpEvent } from '@joinedup/contracts';
import { ConsumerStatus, PartitionBatchConsumer } from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import { EventContext } from '../consumer/event-context';
import { PartitionBatchProcessor } from '../consumer/partition-batch-processor';
import { RecordDispatcher } from '../consumer/record-dispatcher';
import { RegisteredHandler } from '../consumer/registered-handler';
import { deadLetterTopicOf } from '../dead-letter/dead-letter-headers';
import { DeadLetterWriter } from '../dead-letter/dead-letter-writer';
import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { LagMonitor } from '../metrics/lag-monitor';
import { BackboneRuntime } from '../module/backbone-runtime';
import { resolveRetryPolicy, RetryPolicy } from '../retry/retry-policy';
import { HandlerOptions } from './handle-event.decorator';
import { HANDLER_OPTIONS_KEY, JOINEDUP_TRANSPORT } from './joinedup-transport';

export type JoinedUpServerStatus = 'disconnected' | 'connecting' | 'connected' | 'stopped';

type ServerEvents = { error: (error: Error) => void };

const DEFAULT_LAG_REFRESH_MS = 15_000;
const DEFAULT_HEARTBEAT_MS = 3_000;

/**
 * The Nest transport for Joined-up events. It subscribes the consumer group to the topics the
 * catalogue gives for the event types its @HandleEvent handlers claim, and runs each record
 * through decode, handler, retry or dead letter, committing offsets only after the work is
 * durable. close() drains in-flight batches, then leaves the group.
 */
export class JoinedUpServer
  extends Server<ServerEvents, JoinedUpServerStatus>
  implements CustomTransportStrategy
{
  override readonly transportId = JOINEDUP_TRANSPORT;
  private readonly log = createLogger(JoinedUpServer.name);
  private readonly events = new EventEmitter();
  private consumer: PartitionBatchConsumer | undefined;
  private lagMonitor: LagMonitor | undefined;
  private topicsConsumed: string[] = [];
  private closing: Promise<void> | undefined;
  private readonly defaultStartHook = this.onProcessingStartHook;

  constructor(private readonly runtime: BackboneRuntime) {
    super();
    runtime.attach(this);
    this._status$.next('disconnected');
  }

  /** Topics this server consumes, once listening. */
  get topics(): readonly string[] {
    return this.topicsConsumed;
  }

  /** The consumer's state, or undefined when there is none (not listening, or no handlers). */
  consumerStatus(): ConsumerStatus | undefined {
    return this.consumer?.status();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  /** `error`: the consumer failed (the client restarts it by itself when it can). */
  on<EventKey extends keyof ServerEvents>(event: EventKey, callback: ServerEvents[EventKey]): void {
    this.events.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.consumer)
      throw new Error('JoinedUpServer is not listening: there is no consumer yet');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    this._status$.next('connecting');
    await this.runtime.start();
    const options = this.runtime.options;
    const defaultRetry = resolveRetryPolicy(options.retry);
    const handlers = this.registeredHandlers(defaultRetry);
    if (handlers.size === 0) {
      this.log.warn('no @HandleEvent handlers; nothing to consume', { groupId: options.groupId });
      this._status$.next('connected');
      return;
    }
    this.topicsConsumed = [...new Set([...handlers.values()].map((h) => h.topic))].sort();
    await this.prepareTopics(this.topicsConsumed);

    const dispatcher = new RecordDispatcher({
      groupId: options.groupId,
      codec: this.runtime.codec,
      handlers,
      unclaimedEvents: options.unclaimedEvents ?? 'skip',
      defaultRetry,
      publisher: this.runtime.publisher,
      metrics: this.runtime.metrics,
      database: this.runtime.database,
    });
    const consumerOptions = options.consumer ?? {};
    const processor = new PartitionBatchProcessor(
      dispatcher,
      new DeadLetterWriter(this.runtime.publisher),
      this.runtime.metrics,
      {
        groupId: options.groupId,
        heartbeatIntervalMs: consumerOptions.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS,
        defaultRetry,
      },
    );
    this.consumer = new PartitionBatchConsumer(options.kafka);
    await this.consumer.run({
      ...consumerOptions,
      groupId: options.groupId,
      topics: this.topicsConsumed,
      eachPartitionBatch: processor.process,
      onFailure: (error) => {
        if (this.events.listenerCount('error') > 0) this.events.emit('error', error);
      },
    });
    this.lagMonitor = new LagMonitor(
      this.runtime.admin,
      this.runtime.metrics,
      options.groupId,
      this.topicsConsumed,
    );
    this.lagMonitor.start(options.lagRefreshIntervalMs ?? DEFAULT_LAG_REFRESH_MS);
    this._status$.next('connected');
    this.log.info('consuming', {
      groupId: options.groupId,
      topics: this.topicsConsumed,
      eventTypes: [...handlers.keys()],
    });
  }

  private async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.lagMonitor?.stop();
    await this.lagMonitor?.refresh();
    this._status$.next('stopped');
  }

  private registeredHandlers(defaultRetry: RetryPolicy): Map<string, RegisteredHandler> {
    const handlers = new Map<string, RegisteredHandler>();
    for (const [pattern, handler] of this.getHandlers()) {
      if (!handler.isEventHandler) {
        throw new BackboneConfigurationError(
          `@MessagePattern(${JSON.stringify(pattern)}) is bound to the Joined-up transport, ` +
            'which carries events only: use @HandleEvent',
          { pattern },
        );
      }
      const entry = this.runtime.codec.entry(pattern);
      if (entry === undefined) {
        throw new BackboneConfigurationError(
          `a handler is bound to ${JSON.stringify(pattern)}, which is not an event type of the ` +
            'contracts catalogue',
          { pattern },
        );
      }
      const options = (handler.extras?.[HANDLER_OPTIONS_KEY] ?? {}) as HandlerOptions;
      handlers.set(pattern, {
        eventType: pattern,
        topic: entry.topic,
        idempotent: options.idempotent ?? true,
        retry: resolveRetryPolicy(options.retry, defaultRetry),
        invoke: (event, context) => this.invoke(handler, event, context),
      });
    }
    return handlers;
  }

  /**
   * Runs Nest's handler chain for the event (every method bound to its type) and waits for it:
   * a handler may return a value, a promise or an observable.
   */
  private async invoke(
    handler: MessageHandler,
    event: JoinedUpEvent,
    context: EventContext,
  ): Promise<void> {
    // Nest's processing hooks (set by tracing integrations) are honoured when set; without
    // them the handler is called straight, sparing a closure and a promise per event.
    if (this.onProcessingStartHook === this.defaultStartHook && !this.onProcessingEndHook) {
      return this.call(handler, event, context);
    }
    await this.onProcessingStartHook(this.transportId, context, async () => {
      try {
        await this.call(handler, event, context);
      } finally {
        this.onProcessingEndHook?.(this.transportId, context);
      }
    });
  }

  private async call(
    handler: MessageHandler,
    event: JoinedUpEvent,
    context: EventContext,
  ): Promise<void> {
    const result: unknown = await handler(event, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /** The consumed topics must exist; their dead-letter topics are created to match. */
  private async prepareTopics(topics: string[]): Promise<void> {
    const counts = await this.runtime.admin.partitionCounts(topics);
    const missing = topics.filter((topic) => !counts.has(topic));
    if (missing.length > 0) {
      throw new BackboneConfigurationError(
        `topics ${missing.join(', ')} do not exist; create them before the consumer starts`,
        { topics: missing.join(',') },
      );
    }
    if (this.runtime.options.createDeadLetterTopics === false) return;
    const created = await this.runtime.admin.createTopics(
      topics.map((topic) => ({
        topic: deadLetterTopicOf(topic),
        partitions: counts.get(topic) ?? 1,
      })),
    );
    if (created.length > 0) this.log.info('dead-letter topics created', { topics: created });
  }
}
