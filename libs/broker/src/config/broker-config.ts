import * as path from 'node:path';
import {
  boolean,
  byteSize,
  ConfigOf,
  duration,
  integer,
  loadConfig,
  oneOf,
  text,
} from '@joinedup/config';

/** Every setting of the embedded broker, read from JOINEDUP_BROKER_* variables or flags. */
export const brokerSettings = {
  host: text({
    env: 'JOINEDUP_BROKER_HOST',
    flag: 'host',
    default: '127.0.0.1',
    description: 'Address to listen on. 127.0.0.1 keeps the broker private to this machine.',
  }),
  port: integer({
    env: 'JOINEDUP_BROKER_PORT',
    flag: 'port',
    default: 9092,
    min: 0,
    max: 65535,
    description: 'TCP port to listen on; 0 picks a free port.',
  }),
  advertisedHost: text({
    env: 'JOINEDUP_BROKER_ADVERTISED_HOST',
    flag: 'advertised-host',
    default: '',
    description: 'Host name clients are told to connect to; empty means the listen address.',
  }),
  advertisedPort: integer({
    env: 'JOINEDUP_BROKER_ADVERTISED_PORT',
    flag: 'advertised-port',
    default: 0,
    min: 0,
    max: 65535,
    description: 'Port clients are told to connect to; 0 means the bound port.',
  }),
  nodeId: integer({
    env: 'JOINEDUP_BROKER_NODE_ID',
    flag: 'node-id',
    default: 1,
    min: 0,
    description: 'Broker id reported in metadata.',
  }),
  dataDir: text({
    env: 'JOINEDUP_BROKER_DATA_DIR',
    flag: 'data-dir',
    default: path.join('data', 'broker'),
    description: 'Directory for topic logs, group state and producer ids.',
  }),
  autoCreateTopics: boolean({
    env: 'JOINEDUP_BROKER_AUTO_CREATE_TOPICS',
    flag: 'auto-create-topics',
    default: true,
    description: 'Create a topic when a client asks for its metadata and allows creation.',
  }),
  defaultPartitions: integer({
    env: 'JOINEDUP_BROKER_DEFAULT_PARTITIONS',
    flag: 'default-partitions',
    default: 1,
    min: 1,
    max: 10_000,
    description: 'Partitions of an automatically created topic.',
  }),
  maxFrameBytes: byteSize({
    env: 'JOINEDUP_BROKER_MAX_FRAME_BYTES',
    flag: 'max-frame-bytes',
    default: 100 * 1024 * 1024,
    min: 1024,
    description: 'Largest request accepted; a larger size prefix closes the connection.',
  }),
  maxBatchBytes: byteSize({
    env: 'JOINEDUP_BROKER_MAX_BATCH_BYTES',
    flag: 'max-batch-bytes',
    default: 16 * 1024 * 1024,
    min: 1024,
    description: 'Largest record batch accepted (MESSAGE_TOO_LARGE above it).',
  }),
  segmentBytes: byteSize({
    env: 'JOINEDUP_BROKER_SEGMENT_BYTES',
    flag: 'segment-bytes',
    default: 128 * 1024 * 1024,
    min: 64 * 1024,
    description: 'Size at which a partition rolls to a new segment file.',
  }),
  retention: duration({
    env: 'JOINEDUP_BROKER_RETENTION',
    flag: 'retention',
    default: 7 * 24 * 3_600_000,
    description: 'How long closed segments are kept (e.g. 7d, 12h); -1 keeps them forever.',
  }),
  retentionBytes: byteSize({
    env: 'JOINEDUP_BROKER_RETENTION_BYTES',
    flag: 'retention-bytes',
    default: -1,
    description: 'Per-partition size above which the oldest segments are deleted; -1 for none.',
  }),
  retentionCheckInterval: duration({
    env: 'JOINEDUP_BROKER_RETENTION_CHECK_INTERVAL',
    flag: 'retention-check-interval',
    default: 5 * 60_000,
    description: 'How often retention runs.',
  }),
  flush: oneOf({
    env: 'JOINEDUP_BROKER_FLUSH',
    flag: 'flush',
    default: 'acks-all',
    values: ['acks-all', 'every-ack', 'interval'] as const,
    description:
      'acks-all: fsync before answering acks=-1 (shared by concurrent producers); ' +
      'every-ack: also before acks=1; interval: fsync on a timer only.',
  }),
  flushInterval: duration({
    env: 'JOINEDUP_BROKER_FLUSH_INTERVAL',
    flag: 'flush-interval',
    default: 1000,
    description: 'Background fsync period for data nobody is waiting on.',
  }),
  groupInitialRebalanceDelay: duration({
    env: 'JOINEDUP_BROKER_GROUP_INITIAL_REBALANCE_DELAY',
    flag: 'group-initial-rebalance-delay',
    default: 100,
    description: 'How long a new group waits for more members before its first rebalance.',
  }),
};

export type BrokerConfig = ConfigOf<typeof brokerSettings>;

export function loadBrokerConfig(
  argv: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): BrokerConfig {
  return loadConfig(brokerSettings, { argv, env });
}

/** Defaults with overrides, for tests and for apps that embed the broker. */
export function brokerConfig(overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  return { ...loadConfig(brokerSettings, { env: {} }), ...overrides };
}
