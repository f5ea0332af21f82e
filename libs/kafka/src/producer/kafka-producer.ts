import { CompressionTypes, Message, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { createLogger } from '@joinedup/logging';
import { createKafkaClient } from '../connection/kafka-client.factory';
import { KafkaConnectionOptions } from '../connection/kafka-connection-options';
import { toKafkaClientError } from '../errors/kafka-client.error';
import { ProducedOffsets, ProducerRecord } from './producer-record';

export interface KafkaProducerOptions {
  /**
   * Compress batches with gzip. Off by default: Avro bodies are small and the embedded broker
   * is on the same host.
   */
  gzip?: boolean;
  /** Let the broker create a topic on first use (with its default partition count). Default false. */
  allowAutoTopicCreation?: boolean;
}

/**
 * kafkajs retries an idempotent producer for ever by default, so a record for a missing topic
 * would hang its caller. Bounded here (about half a minute) and the failure, retriable, goes
 * to the caller's own retry policy; consumers drop the rare duplicate by event id.
 */
const PRODUCER_RETRY = { retries: 6, initialRetryTime: 200, maxRetryTime: 10_000 };

/**
 * Produces with acks from every in-sync replica (-1) and the idempotent producer, so a retried
 * request cannot write a record twice or out of order. One request is in flight at a time,
 * which the idempotent producer needs to keep order across retries.
 */
export class KafkaProducer {
  private readonly log = createLogger(KafkaProducer.name);
  private readonly producer: Producer;
  private connectedFlag = false;
  private connecting: Promise<void> | undefined;

  constructor(
    connection: KafkaConnectionOptions,
    private readonly options: KafkaProducerOptions = {},
  ) {
    this.producer = createKafkaClient(connection).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? false,
      retry: PRODUCER_RETRY,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connectedFlag = false;
    });
  }

  get connected(): boolean {
    return this.connectedFlag;
  }

  /** Connects once; concurrent callers share the attempt. */
  connect(): Promise<void> {
    if (this.connectedFlag) return Promise.resolve();
    this.connecting ??= this.producer.connect().then(
      () => {
        this.connectedFlag = true;
        this.connecting = undefined;
      },
      (err: unknown) => {
        this.connecting = undefined;
        throw toKafkaClientError(err, { operation: 'connect producer' });
      },
    );
    return this.connecting;
  }

  /**
   * Sends the records, grouped by topic into one request, and resolves once every one is
   * acknowledged by all in-sync replicas. Records for one partition keep their order.
   */
  async send(records: readonly ProducerRecord[]): Promise<ProducedOffsets[]> {
    if (records.length === 0) return [];
    await this.connect();
    try {
      const results = await this.producer.sendBatch({
        topicMessages: groupByTopic(records),
        acks: -1,
        compression: this.options.gzip ? CompressionTypes.GZIP : CompressionTypes.None,
      });
      return results.map((r) => ({
        topic: r.topicName,
        partition: r.partition,
        baseOffset: r.baseOffset ?? '-1',
      }));
    } catch (err) {
      const error = toKafkaClientError(err, {
        operation: 'produce',
        topic: records[0].topic,
      });
      this.log.warn('produce failed', {
        topic: records[0].topic,
        records: records.length,
        code: error.code,
        retriable: error.retriable,
      });
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.connecting?.catch(() => undefined);
    await this.producer.disconnect();
    this.connectedFlag = false;
  }
}

function groupByTopic(records: readonly ProducerRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (messages === undefined) {
      messages = [];
      byTopic.set(record.topic, messages);
    }
    messages.push({
      key: record.key,
      value: record.value,
      headers: record.headers,
      partition: record.partition,
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
