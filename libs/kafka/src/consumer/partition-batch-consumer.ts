import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { createLogger } from '@joinedup/logging';
import { createKafkaClient } from '../connection/kafka-client.factory';
import { KafkaConnectionOptions } from '../connection/kafka-connection-options';
import { KafkaClientError, toKafkaClientError } from '../errors/kafka-client.error';
import {
  ConsumedRecord,
  PartitionBatch,
  PartitionBatchControl,
  PartitionBatchHandler,
} from './consumed-record';

export interface PartitionBatchConsumerOptions {
  groupId: string;
  topics: readonly string[];
  eachPartitionBatch: PartitionBatchHandler;
  /** Where a group with no committed position starts: the log's start (default) or its end. */
  fromBeginning?: boolean;
  /** Partitions handled at once; each partition's batches stay in order. Default 3. */
  partitionsConsumedConcurrently?: number;
  /** Default 30 s: the member is dropped when no heartbeat arrives for this long. */
  sessionTimeoutMs?: number;
  /** Default 3 s. */
  heartbeatIntervalMs?: number;
  /** How long the group waits for members to rejoin during a rebalance. Default 60 s. */
  rebalanceTimeoutMs?: number;
  /** Longest a fetch waits for new records. Default 500 ms, which bounds how long stop() waits. */
  maxWaitTimeMs?: number;
  /** Default 1 MiB. */
  maxBytesPerPartition?: number;
  /** How long stop() waits for in-flight batches before it disconnects anyway. Default 30 s. */
  drainTimeoutMs?: number;
  /** Told when consumption fails; the client restarts by itself after a retriable failure. */
  onFailure?: (error: KafkaClientError, restarting: boolean) => void;
}

export interface TopicAssignment {
  topic: string;
  partitions: number[];
}

/** What the consumer is doing, for health checks. */
export interface ConsumerStatus {
  running: boolean;
  /** The member holds an assignment of the current generation. */
  joined: boolean;
  assignment: TopicAssignment[];
  /** Epoch ms of the last completed fetch, or undefined before the first. */
  lastFetchAt?: number;
  /** The last failure that stopped consumption, until consumption resumes. */
  failure?: { code: string; retriable: boolean; message: string };
}

const DEFAULTS = {
  fromBeginning: true,
  partitionsConsumedConcurrently: 3,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  maxWaitTimeMs: 500,
  maxBytesPerPartition: 1024 * 1024,
  drainTimeoutMs: 30_000,
};

/**
 * A consumer group member that hands each partition's fetched records to one handler call,
 * in order, and commits only what the handler says is done (auto-commit is off). Different
 * partitions are handled concurrently. stop() lets in-flight batches finish, then leaves the
 * group, so the partitions move to other members without waiting for a session timeout.
 */
export class PartitionBatchConsumer {
  private readonly log = createLogger(PartitionBatchConsumer.name);
  private consumer: Consumer | undefined;
  private groupId = '';
  private drainTimeoutMs = DEFAULTS.drainTimeoutMs;
  private stopping: Promise<void> | undefined;
  private readonly redeliveryTimers = new Set<NodeJS.Timeout>();
  private readonly state: ConsumerStatus = { running: false, joined: false, assignment: [] };

  constructor(private readonly connection: KafkaConnectionOptions) {}

  /** Connects, subscribes and joins the group; resolves once the first assignment is in. */
  async run(options: PartitionBatchConsumerOptions): Promise<void> {
    if (this.consumer) throw new Error(`consumer of group '${this.groupId}' is already running`);
    const settings = { ...DEFAULTS, ...withoutUndefined(options) };
    this.groupId = options.groupId;
    this.drainTimeoutMs = settings.drainTimeoutMs;
    const consumer = createKafkaClient(this.connection).consumer({
      groupId: options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.observe(consumer, options.onFailure);
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: [...options.topics],
        fromBeginning: settings.fromBeginning,
      });
      this.state.running = true;
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => options.eachPartitionBatch(toBatch(payload), this.control(payload)),
      });
    } catch (err) {
      this.state.running = false;
      this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw toKafkaClientError(err, { operation: 'join group', groupId: options.groupId });
    }
  }

  status(): ConsumerStatus {
    return { ...this.state, assignment: this.state.assignment.map((a) => ({ ...a })) };
  }

  /**
   * Stops fetching, lets each in-flight batch handler return (they see isRunning() turn false
   * and stop after their current record), then leaves the group and disconnects.
   */
  stop(): Promise<void> {
    this.stopping ??= this.drainAndLeave();
    return this.stopping;
  }

  private async drainAndLeave(): Promise<void> {
    const consumer = this.consumer;
    this.state.running = false;
    for (const timer of this.redeliveryTimers) clearTimeout(timer);
    this.redeliveryTimers.clear();
    if (!consumer) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.drainTimeoutMs);
    });
    const outcome = await Promise.race([
      consumer.disconnect().then(() => 'left' as const),
      timedOut,
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.log.warn('in-flight batches did not finish in time; leaving without them', {
        groupId: this.groupId,
        drainTimeoutMs: this.drainTimeoutMs,
      });
    }
    this.state.joined = false;
    this.state.assignment = [];
  }

  private control(payload: EachBatchPayload): PartitionBatchControl {
    const { topic, partition } = payload.batch;
    const context = { topic, partition, groupId: this.groupId };
    let generationEnded = false;
    const noteRebalance = (error: KafkaClientError): KafkaClientError => {
      if (error.isRebalance) generationEnded = true;
      return error;
    };
    return {
      heartbeat: async () => {
        try {
          await payload.heartbeat();
        } catch (err) {
          throw noteRebalance(toKafkaClientError(err, { operation: 'heartbeat', ...context }));
        }
      },
      commit: async (offset: string) => {
        payload.resolveOffset(offset);
        const next = (BigInt(offset) + 1n).toString();
        try {
          await payload.commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition, offset: next }] }],
          });
        } catch (err) {
          throw noteRebalance(toKafkaClientError(err, { operation: 'commit', ...context }));
        }
      },
      isRunning: () => payload.isRunning() && this.stopping === undefined,
      isStale: () => generationEnded,
      redeliverAfter: (delayMs: number) => {
        const resume = payload.pause();
        const timer = setTimeout(() => {
          this.redeliveryTimers.delete(timer);
          resume();
        }, delayMs);
        this.redeliveryTimers.add(timer);
      },
    };
  }

  private observe(consumer: Consumer, onFailure: PartitionBatchConsumerOptions['onFailure']): void {
    const { GROUP_JOIN, FETCH, CRASH, REBALANCING, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, ({ payload }) => {
      this.state.joined = true;
      this.state.failure = undefined;
      this.state.assignment = Object.entries(payload.memberAssignment).map(
        ([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }),
      );
      this.log.info('joined group', {
        groupId: this.groupId,
        memberId: payload.memberId,
        assignment: this.state.assignment,
      });
    });
    consumer.on(REBALANCING, () => {
      this.state.joined = false;
    });
    consumer.on(FETCH, () => {
      this.state.lastFetchAt = Date.now();
    });
    consumer.on(STOP, () => {
      this.state.joined = false;
    });
    consumer.on(CRASH, ({ payload }) => {
      const error = toKafkaClientError(payload.error, {
        operation: 'consume',
        groupId: this.groupId,
      });
      this.state.joined = false;
      this.state.failure = {
        code: error.code,
        retriable: error.retriable,
        message: error.message,
      };
      this.log.error('consumer failed', {
        groupId: this.groupId,
        code: error.code,
        retriable: error.retriable,
        restarting: payload.restart,
      });
      onFailure?.(error, payload.restart);
    });
  }
}

function toBatch(payload: EachBatchPayload): PartitionBatch {
  const { topic, partition, highWatermark, messages } = payload.batch;
  return {
    topic,
    partition,
    highWatermark,
    records: messages.map((message) => toRecord(topic, partition, message)),
  };
}

/**
 * kafkajs's message, given its topic and partition, is the record: copying each into a new
 * object made garbage at the consumer's full rate for nothing. Only ConsumedRecord's fields
 * are part of this library's face.
 */
function toRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  const record = message as KafkaMessage & { topic: string; partition: number };
  record.topic = topic;
  record.partition = partition;
  record.key ??= null;
  record.value ??= null;
  record.headers ??= {};
  return record as unknown as ConsumedRecord;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
