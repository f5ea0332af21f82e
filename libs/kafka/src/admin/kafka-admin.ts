import { Admin } from 'kafkajs';
import { createKafkaClient } from '../connection/kafka-client.factory';
import { KafkaConnectionOptions } from '../connection/kafka-connection-options';
import { toKafkaClientError } from '../errors/kafka-client.error';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Default 1, what the embedded broker has; a real cluster wants 3. */
  replicationFactor?: number;
  /** Topic configs such as `cleanup.policy` or `retention.ms`. */
  config?: Record<string, string>;
}

export interface PartitionOffsets {
  partition: number;
  /** The log start offset. */
  low: string;
  /** The end offset: the offset the next record will get. */
  high: string;
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** The next offset the group will read, or '-1' when the group has committed none. */
  offset: string;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  endOffset: number;
  /** -1 when the group has committed nothing on the partition. */
  committedOffset: number;
  /** Records the group has yet to commit: end - committed, or end - log start before any commit. */
  lag: number;
}

/** The few cluster operations the backbone needs: topics, offsets and a group's lag. */
export class KafkaAdmin {
  private readonly admin: Admin;
  private connecting: Promise<void> | undefined;

  constructor(connection: KafkaConnectionOptions) {
    this.admin = createKafkaClient(connection).admin();
  }

  connect(): Promise<void> {
    this.connecting ??= this.admin.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw toKafkaClientError(err, { operation: 'connect admin' });
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    if (!this.connecting) return;
    await this.connecting.catch(() => undefined);
    this.connecting = undefined;
    await this.admin.disconnect();
  }

  /** Creates the topics that do not exist yet; returns the names it created. */
  async createTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    if (specs.length === 0) return [];
    await this.connect();
    const existing = new Set(await this.call('list topics', () => this.admin.listTopics()));
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return [];
    await this.call('create topics', () =>
      this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor ?? 1,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      }),
    );
    return missing.map((spec) => spec.topic);
  }

  /** How many partitions each topic has; a missing topic is absent from the map. */
  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    await this.connect();
    const existing = new Set(await this.call('list topics', () => this.admin.listTopics()));
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return new Map();
    const metadata = await this.call('fetch topic metadata', () =>
      this.admin.fetchTopicMetadata({ topics: present }),
    );
    return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
  }

  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    await this.connect();
    const offsets = await this.call(
      'fetch topic offsets',
      () => this.admin.fetchTopicOffsets(topic),
      topic,
    );
    return offsets
      .map(({ partition, low, high }) => ({ partition, low, high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async committedOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]> {
    await this.connect();
    const byTopic = await this.call('fetch committed offsets', () =>
      this.admin.fetchOffsets({ groupId, topics: [...topics] }),
    );
    return byTopic.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, offset }) => ({ topic, partition, offset })),
    );
  }

  /** The group's lag on every partition of the topics. */
  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const committed = await this.committedOffsets(groupId, topics);
    const position = new Map(committed.map((c) => [`${c.topic}\u0000${c.partition}`, c.offset]));
    const lags: PartitionLag[] = [];
    for (const topic of topics) {
      for (const { partition, low, high } of await this.topicOffsets(topic)) {
        const committedOffset = Number(position.get(`${topic}\u0000${partition}`) ?? '-1');
        const endOffset = Number(high);
        const from = committedOffset < 0 ? Number(low) : committedOffset;
        lags.push({
          topic,
          partition,
          endOffset,
          committedOffset,
          lag: Math.max(0, endOffset - from),
        });
      }
    }
    return lags;
  }

  private async call<T>(operation: string, fn: () => Promise<T>, topic?: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toKafkaClientError(err, { operation, topic });
    }
  }
}
