import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { createLogger } from '@joinedup/logging';
import { createKafkaClient, KafkaConnectionOptions } from './kafka-connection';
import { RegistryRecord } from './registry-record';
import { decodeRecord, encodeRecord } from './registry-record.codec';
import { RecordListener, SchemaStore } from './schema-store';
import { SchemaStoreError } from './schema-store.error';

export interface KafkaSchemaStoreOptions {
  kafka: KafkaConnectionOptions;
  /** Confluent's default is `_schemas`. */
  topic: string;
  /** How long start-up may take to read the topic to its end. */
  startTimeoutMs?: number;
  /** How long a write may take to be acknowledged and read back. */
  writeTimeoutMs?: number;
}

/** The registry's log lives in one partition, so its order is the order of every change. */
const PARTITION = 0;

/**
 * The `_schemas` topic as the registry's store, as Confluent's registry keeps it: one partition,
 * compacted, JSON keys and values. Start-up reads it from the beginning to the end offset found
 * before reading; a write is produced with acks=-1 and only counts once the consumer has read it
 * back, so the state only ever holds what the log holds, in the log's order.
 */
export class KafkaSchemaStore implements SchemaStore {
  private readonly log = createLogger(KafkaSchemaStore.name);
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly consumer: Consumer;
  private listener?: RecordListener;
  private readOffset = -1;
  private readonly waiters = new Set<OffsetWaiter>();

  constructor(private readonly options: KafkaSchemaStoreOptions) {
    this.kafka = createKafkaClient(options.kafka);
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    // The registry reads the whole topic every start and commits nothing, as Confluent's reader
    // does with a manual assignment; kafkajs needs a group, so each instance gets its own.
    this.consumer = this.kafka.consumer({
      groupId: `${options.kafka.clientId}-${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 250,
      // kafkajs restarts a crashed consumer even after disconnect() was called during the
      // restart's back-off; asking it first stops a closed registry from reconnecting forever.
      retry: { restartOnFailure: async () => !this.closed },
    });
  }

  private closed = false;

  async start(listener: RecordListener): Promise<void> {
    this.listener = listener;
    const { topic } = this.options;
    try {
      await this.admin.connect();
      await this.ensureTopic();
      const lastOffset = await this.lastOffset();
      await this.producer.connect();
      await this.startConsumer();
      this.log.info('reading schema topic', { topic, lastOffset });
      await this.readUpTo(lastOffset, this.options.startTimeoutMs ?? 60_000);
    } catch (err) {
      await this.close();
      if (err instanceof SchemaStoreError) throw err;
      throw new SchemaStoreError(
        `could not load the schema topic "${topic}" from Kafka (${this.options.kafka.brokers.join(',')}): ${(err as Error).message}`,
        false,
        { cause: err },
      );
    }
  }

  async append(records: readonly RegistryRecord[]): Promise<void> {
    if (records.length === 0) return;
    const messages = records.map((record) => ({ ...encodeRecord(record), partition: PARTITION }));
    const [metadata] = await this.producer.send({
      topic: this.options.topic,
      acks: -1,
      messages,
    });
    const last = Number(metadata.baseOffset) + messages.length - 1;
    await this.readUpTo(last, this.options.writeTimeoutMs ?? 30_000);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters) {
      waiter.fail(new SchemaStoreError('the schema store is closing'));
    }
    await Promise.allSettled([
      this.consumer.disconnect(),
      this.producer.disconnect(),
      this.admin.disconnect(),
    ]);
    this.listener = undefined;
  }

  /** Creates the topic if missing; a topic with more than one partition cannot keep order. */
  private async ensureTopic(): Promise<void> {
    const { topic } = this.options;
    // Asking first keeps kafkajs from logging TOPIC_ALREADY_EXISTS as an error on every start.
    const existing = await this.admin.listTopics();
    if (!existing.includes(topic)) {
      const created = await this.admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 1,
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
          },
        ],
      });
      if (created) this.log.info('created schema topic', { topic });
    }

    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata.topics[0]?.partitions.length ?? 0;
    if (partitions !== 1) {
      throw new SchemaStoreError(
        `the schema topic "${topic}" has ${partitions} partitions; it must have exactly 1 ` +
          'so that every registry reads changes in the order they were made',
      );
    }
  }

  /** The offset of the topic's last record, or -1 when it holds none. */
  private async lastOffset(): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
    const partition = offsets.find((o) => o.partition === PARTITION);
    if (!partition) return -1;
    const high = Number(partition.high);
    const low = Number(partition.low);
    return high > low ? high - 1 : -1;
  }

  private async startConsumer(): Promise<void> {
    const { topic } = this.options;
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.log.error('schema topic reader crashed', {
        topic,
        error: payload.error,
        restart: payload.restart,
      });
    });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => this.deliver(message),
    });
  }

  private deliver(message: KafkaMessage): void {
    const offset = Number(message.offset);
    try {
      this.applyMessage(message);
    } catch (err) {
      this.log.warn('skipped unreadable schema record', {
        topic: this.options.topic,
        offset,
        error: err as Error,
      });
    }
    this.readOffset = Math.max(this.readOffset, offset);
    for (const waiter of this.waiters) {
      if (waiter.offset <= this.readOffset) waiter.succeed();
    }
  }

  private applyMessage(message: KafkaMessage): void {
    if (message.key === null) throw new Error('record has no key');
    const record = decodeRecord(
      message.key.toString('utf8'),
      message.value?.toString('utf8') ?? null,
    );
    if (record) this.listener?.(record);
  }

  /** Resolves once the consumer has delivered the record at `offset` (at once for -1). */
  private readUpTo(offset: number, timeoutMs: number): Promise<void> {
    if (offset <= this.readOffset) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter.fail(
          new SchemaStoreError(
            `timed out after ${timeoutMs} ms waiting to read offset ${offset} of ` +
              `"${this.options.topic}" (read up to ${this.readOffset})`,
            true,
          ),
        );
      }, timeoutMs);
      const waiter: OffsetWaiter = {
        offset,
        succeed: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
        fail: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }
}

interface OffsetWaiter {
  offset: number;
  succeed(): void;
  fail(error: Error): void;
}
