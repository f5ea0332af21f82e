import { randomUUID } from 'node:crypto';
import {
  Admin,
  Consumer,
  Kafka,
  KafkaJSConnectionError,
  LogEntry,
  logLevel,
  Message,
  PartitionerArgs,
  Partitioners,
  Producer,
} from 'kafkajs';
import { createLogger } from '@joinedup/logging';
import { CliError } from '../errors/cli.error';
import { KafkaRequestError } from '../errors/kafka-request.error';
import { KafkaUnreachableError } from '../errors/kafka-unreachable.error';
import { UnknownTopicError } from '../errors/unknown-topic.error';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Where one record was written. */
export interface Delivery {
  topic: string;
  partition: number;
  offset: bigint;
}

/** A partition's log start and end (the high watermark: the offset the next record gets). */
export interface PartitionOffsets {
  partition: number;
  start: bigint;
  end: bigint;
}

export interface TopicOffsets {
  topic: string;
  partitions: PartitionOffsets[];
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  /** Milliseconds since the epoch, as Kafka stores it. */
  timestamp: number;
}

/** Stops fetching the record's partition; records already fetched may still arrive. */
export type PausePartition = () => void;

export interface Subscription {
  /** Rejects when the consumer fails for good (the broker went away, the group broke). */
  readonly failed: Promise<never>;
  stop(): Promise<void>;
}

export interface KafkaGatewayOptions {
  brokers: readonly string[];
  clientId?: string;
}

/** A CLI fails fast: a user waiting at a prompt wants the reason, not a minute of retries. */
const CONNECTION_TIMEOUT_MS = 3_000;
const RETRY = { retries: 2, initialRetryTime: 200 };
/** How long a fetch waits for new records, which bounds how late --follow prints one. */
const MAX_FETCH_WAIT_MS = 250;

/**
 * The one place the CLI speaks to Kafka (through kafkajs): producing with the offset of each
 * record, topic offsets, and reading a topic from chosen offsets. Every failure leaves as a
 * CliError that says what was being done.
 */
export class KafkaGateway {
  private readonly log = createLogger(KafkaGateway.name);
  private readonly kafka: Kafka;
  private readonly brokers: readonly string[];
  private admin?: Promise<Admin>;
  private producer?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();
  /** The partition kafkajs chose for each message it was given, read back after the send. */
  private readonly partitionOf = new WeakMap<Message, number>();

  constructor(options: KafkaGatewayOptions) {
    this.brokers = options.brokers;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'joinedup-cli',
      brokers: [...options.brokers],
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      retry: RETRY,
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator,
    });
  }

  /**
   * Produces records, in order, with acks from all replicas, in one request per broker, and
   * returns where each was written. kafkajs answers with one base offset per partition, so the
   * partition its partitioner chose for each message is recorded to give each its own offset.
   */
  async publish(records: readonly OutgoingRecord[]): Promise<Delivery[]> {
    const producer = await this.connectedProducer();
    const sent = records.map(({ topic, ...message }) => ({ topic, message: { ...message } }));
    const answers = await this.call('producing', () =>
      producer.sendBatch({ acks: -1, topicMessages: groupByTopic(sent) }),
    );

    const nextOffset = new Map(
      answers.map((answer) => [
        partitionKey(answer.topicName, answer.partition),
        BigInt(answer.baseOffset ?? -1),
      ]),
    );
    return sent.map(({ topic, message }) => {
      const partition = this.partitionOf.get(message);
      const key = partition === undefined ? '' : partitionKey(topic, partition);
      const offset = nextOffset.get(key);
      if (partition === undefined || offset === undefined || offset < 0n) {
        throw new KafkaRequestError(
          `producing to ${topic}`,
          new Error('the broker did not say where a record was written'),
        );
      }
      nextOffset.set(key, offset + 1n);
      return { topic, partition, offset };
    });
  }

  /** Every topic, sorted by name, with each partition's start and end offsets. */
  async listTopics(): Promise<TopicOffsets[]> {
    const admin = await this.connectedAdmin();
    const names = await this.call('listing topics', () => admin.listTopics());
    const sorted = [...names].sort();
    return Promise.all(sorted.map((topic) => this.offsetsOf(admin, topic)));
  }

  /** A topic's partitions with their start and end offsets; UnknownTopicError if it is absent. */
  async topicOffsets(topic: string): Promise<TopicOffsets> {
    const admin = await this.connectedAdmin();
    const names = await this.call('listing topics', () => admin.listTopics());
    if (!names.includes(topic)) throw new UnknownTopicError(topic);
    return this.offsetsOf(admin, topic);
  }

  /** Per partition, the first offset written at or after the time, or the end if none was. */
  async offsetsAt(topic: string, time: Date): Promise<Map<number, bigint>> {
    const admin = await this.connectedAdmin();
    const found = await this.call(`looking up offsets of ${topic} at ${time.toISOString()}`, () =>
      admin.fetchTopicOffsetsByTimestamp(topic, time.getTime()),
    );
    return new Map(found.map(({ partition, offset }) => [partition, BigInt(offset)]));
  }

  /**
   * Reads a topic from the given offset of each partition, one record at a time, without
   * committing anything. kafkajs reads only as a member of a consumer group, so a group named
   * for this one read stands in for assigning partitions by hand.
   */
  async consume(
    topic: string,
    from: ReadonlyMap<number, bigint>,
    onRecord: (record: ConsumedRecord, pausePartition: PausePartition) => Promise<void>,
  ): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: `joinedup-cli-${randomUUID()}`,
      maxWaitTimeInMs: MAX_FETCH_WAIT_MS,
      allowAutoTopicCreation: false,
      retry: { ...RETRY, restartOnFailure: () => Promise.resolve(false) },
    });
    this.consumers.add(consumer);
    const failed = new Promise<never>((_resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(this.classify(`reading ${topic}`, payload.error));
      });
    });
    // Nobody may be waiting on it by the time the consumer stops, and an unobserved rejection
    // would end the process.
    failed.catch(() => undefined);

    await this.call('connecting a consumer', () => consumer.connect());
    await this.call(`subscribing to ${topic}`, () =>
      consumer.subscribe({ topics: [topic], fromBeginning: true }),
    );
    await this.call(`reading ${topic}`, () =>
      consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message, pause }) => {
          const offset = BigInt(message.offset);
          // A fetch sent before the seeks below took effect may hand over earlier records.
          if (offset < (from.get(partition) ?? 0n)) return;
          const record = {
            topic,
            partition,
            offset,
            key: message.key,
            value: message.value,
            timestamp: Number(message.timestamp),
          };
          await onRecord(record, () => void pause());
        },
      }),
    );
    for (const [partition, offset] of from) {
      consumer.seek({ topic, partition, offset: offset.toString() });
    }

    return {
      failed,
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    const clients: Promise<{ disconnect(): Promise<void> }>[] = [
      ...[...this.consumers].map((consumer) => Promise.resolve(consumer)),
      ...(this.producer ? [this.producer] : []),
      ...(this.admin ? [this.admin] : []),
    ];
    this.consumers.clear();
    this.producer = undefined;
    this.admin = undefined;
    const results = await Promise.allSettled(
      clients.map(async (client) => (await client).disconnect()),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        this.log.debug('disconnect failed', { error: result.reason as unknown });
      }
    }
  }

  private async offsetsOf(admin: Admin, topic: string): Promise<TopicOffsets> {
    const offsets = await this.call(`reading the offsets of ${topic}`, () =>
      admin.fetchTopicOffsets(topic),
    );
    const partitions = offsets
      .map(({ partition, low, high }) => ({
        partition,
        start: BigInt(low),
        end: BigInt(high),
      }))
      .sort((a, b) => a.partition - b.partition);
    return { topic, partitions };
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= this.connect('connecting to Kafka', this.kafka.admin());
    return this.admin;
  }

  private connectedProducer(): Promise<Producer> {
    // Idempotent, so a send kafkajs retries after a lost answer is not written twice.
    this.producer ??= this.connect(
      'connecting a producer',
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: () => this.recordingPartitioner(),
      }),
    );
    return this.producer;
  }

  private async connect<T extends { connect(): Promise<void> }>(
    action: string,
    client: T,
  ): Promise<T> {
    await this.call(action, () => client.connect());
    return client;
  }

  private recordingPartitioner(): (args: PartitionerArgs) => number {
    const choose = Partitioners.DefaultPartitioner();
    return (args) => {
      const partition = choose(args);
      this.partitionOf.set(args.message, partition);
      return partition;
    };
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.classify(action, err);
    }
  }

  private classify(action: string, err: unknown): CliError {
    if (err instanceof CliError) return err;
    const refused = connectionFailure(err);
    if (refused) return new KafkaUnreachableError(this.brokers, refused);
    return new KafkaRequestError(action, err);
  }
}

function groupByTopic(
  sent: readonly { topic: string; message: Message }[],
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, message } of sent) {
    const messages = byTopic.get(topic) ?? [];
    messages.push(message);
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** The connection error behind a failure, following kafkajs's `cause` chain of retries. */
function connectionFailure(err: unknown): Error | undefined {
  for (let current = err; current instanceof Error; current = current.cause) {
    if (current instanceof KafkaJSConnectionError) return current;
  }
  return undefined;
}

const kafkaLog = createLogger('kafkajs');

/** Fields of a kafkajs log entry that our logger writes itself. */
const KAFKAJS_OWN_FIELDS = new Set(['message', 'timestamp', 'logger']);

/** kafkajs logs into ours; its errors are our warnings, since the CLI reports the failure. */
function kafkaLogCreator(): (entry: LogEntry) => void {
  return ({ namespace, level, log }) => {
    const context = Object.fromEntries(
      Object.entries(log).filter(([key]) => !KAFKAJS_OWN_FIELDS.has(key)),
    );
    const fields = { namespace, ...context };
    if (level === logLevel.ERROR || level === logLevel.WARN) kafkaLog.warn(log.message, fields);
    else kafkaLog.debug(log.message, fields);
  };
}
