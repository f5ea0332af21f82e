import { ErrorCode, KafkaError } from '../protocol';
import type { TopicConfig } from '../log';

/** Kafka topic settings that are accepted but have no effect on a single node. */
const ACCEPTED_WITHOUT_EFFECT = new Set([
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'compression.type',
  'max.message.bytes',
  'message.timestamp.type',
  'message.downconversion.enable',
  'flush.messages',
  'flush.ms',
  'min.compaction.lag.ms',
  'max.compaction.lag.ms',
  'delete.retention.ms',
  'min.cleanable.dirty.ratio',
  'segment.ms',
  'preallocate',
]);

function wholeNumber(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) {
    throw new KafkaError(
      ErrorCode.INVALID_CONFIG,
      `${name}=${JSON.stringify(value)}: expected a whole number`,
    );
  }
  return Number(value);
}

/**
 * Turns CreateTopics config entries into the log's TopicConfig. cleanup.policy=compact is
 * honoured by keeping everything (compaction itself is not performed), so a compacted topic
 * such as the schema registry's _schemas never loses records to retention.
 */
export function parseTopicConfig(entries: { name: string; value: string | null }[]): TopicConfig {
  const config: TopicConfig = {};
  for (const { name, value } of entries) {
    if (value === null) continue;
    switch (name) {
      case 'retention.ms':
      case 'retention.bytes':
      case 'segment.bytes':
        config[name] = wholeNumber(name, value);
        break;
      case 'cleanup.policy':
        if (!/^(delete|compact)(,(delete|compact))?$/.test(value)) {
          throw new KafkaError(
            ErrorCode.INVALID_CONFIG,
            `cleanup.policy=${JSON.stringify(value)}: expected delete or compact`,
          );
        }
        if (value.includes('compact')) {
          config['retention.ms'] = -1;
          config['retention.bytes'] = -1;
        }
        break;
      default:
        if (!ACCEPTED_WITHOUT_EFFECT.has(name)) {
          throw new KafkaError(
            ErrorCode.INVALID_CONFIG,
            `unknown topic config ${JSON.stringify(name)}`,
          );
        }
    }
  }
  return config;
}
