import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { SchemaRegistryClientOptions } from '@joinedup/avro';
import type { KafkaConnectionOptions } from '@joinedup/kafka';
import type { DatabaseOptions, OutboxRelayOptions } from '@joinedup/persistence';
import type { UnclaimedEventPolicy } from '../consumer/record-dispatcher';
import type { RetryPolicy } from '../retry/retry-policy';

export interface BackboneConsumerOptions {
  /** Partitions handled at once; one partition's retries never hold up another. Default 3. */
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts: the beginning of each topic (default) or its end. */
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  /** Also how often a long-running handler's batch heartbeats. Default 3000 ms. */
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  maxWaitTimeMs?: number;
  maxBytesPerPartition?: number;
  /** How long shutdown waits for in-flight handlers. Default 30 s. */
  drainTimeoutMs?: number;
}

export interface BackboneHealthOptions {
  /** The consumer is down when its last fetch is older than this. Default 60 s. */
  maxFetchAgeMs?: number;
  /** The outbox is down when more messages than this wait to be published. Default 10,000. */
  maxOutboxPending?: number;
}

export interface BackboneOptions {
  kafka: KafkaConnectionOptions;
  /** The schema registry the events' schemas are fetched from. */
  registry: SchemaRegistryClientOptions;
  /** The consumer group, and the consumer name its processed-event records are kept under. */
  groupId: string;
  /**
   * The database for idempotent handlers and the transactional outbox: options to open one
   * (migrations run), or a DataSource the app opened with @joinedup/persistence's openDatabase,
   * which the backbone then shares and leaves open. Without it handlers run outside
   * transactions and events are sent straight to Kafka.
   */
  database?: DatabaseOptions | { dataSource: DataSource };
  /** The contracts directory; default JOINEDUP_CONTRACTS_DIR, else the repository's. */
  contractsDir?: string;
  /** Key for deriving subject keys of published events that lack one (32 bytes, or 64 hex). */
  pseudonymKey?: Buffer | string;
  consumer?: BackboneConsumerOptions;
  /** The consumer's retry policy; a handler may override it. */
  retry?: Partial<RetryPolicy>;
  /** An event type on a subscribed topic that no handler claims: skip it (default) or dead-letter it. */
  unclaimedEvents?: UnclaimedEventPolicy;
  /** Create `<topic>.dlq` beside each consumed topic, with as many partitions. Default true. */
  createDeadLetterTopics?: boolean;
  relay?: OutboxRelayOptions;
  /** How often consumer lag is refreshed; 0 turns it off. Default 15 s. */
  lagRefreshIntervalMs?: number;
  health?: BackboneHealthOptions;
  /** Where the metrics go; default a registry of the backbone's own. */
  metricsRegistry?: Registry;
}

/** Nest injection token of the options given to BackboneModule.forRoot. */
export const BACKBONE_OPTIONS = Symbol('BACKBONE_OPTIONS');
