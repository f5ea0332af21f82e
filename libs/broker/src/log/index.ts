export { LogManager } from './log-manager';
export type { AppendListener } from './log-manager';
export { PartitionLog } from './partition-log';
export { MAX_PARTITIONS, TOPIC_METADATA_FILE } from './topic-metadata';
export { MAX_TOPIC_NAME_LENGTH, assertValidTopicName } from './topic-name';
export type {
  AppendResult,
  FlushMode,
  FlushPolicy,
  LogConfig,
  TopicConfig,
  TopicDescription,
  ValidatedBatches,
} from './log-types';
