import * as fs from 'fs';
import * as path from 'path';
import { BATCH, ErrorCode, KafkaError } from '../protocol';
import { writeFileAtomicSync } from './log-files';
import { LogConfig, TopicConfig, TopicDescription } from './log-types';

/** The file in a topic's partition-0 directory that makes the topic exist. */
export const TOPIC_METADATA_FILE = 'topic.json';

/** Each partition holds at least one open file; this keeps a typo from exhausting descriptors. */
export const MAX_PARTITIONS = 10_000;

/** Index entries hold int32 file positions, so a segment may not exceed 2 GiB. */
const MAX_SEGMENT_BYTES = 2 ** 31 - 1;

const FORMAT_VERSION = 1;

interface TopicMetadataFile {
  version: number;
  name: string;
  partitions: number;
  config: TopicConfig;
}

/** The settings one partition runs with: the topic's overrides over the broker's defaults. */
export interface EffectiveLogConfig {
  segmentBytes: number;
  indexIntervalBytes: number;
  retentionMs: number;
  retentionBytes: number;
}

export function effectiveConfig(broker: LogConfig, topic: TopicConfig): EffectiveLogConfig {
  return {
    segmentBytes: topic['segment.bytes'] ?? broker.segmentBytes,
    indexIntervalBytes: broker.indexIntervalBytes,
    retentionMs: topic['retention.ms'] ?? broker.retentionMs,
    retentionBytes: topic['retention.bytes'] ?? broker.retentionBytes,
  };
}

const CONFIG_RULES: Record<keyof TopicConfig, { min: number; max: number; meaning: string }> = {
  'retention.ms': {
    min: -1,
    max: Number.MAX_SAFE_INTEGER,
    meaning: 'milliseconds, or -1 for no limit',
  },
  'retention.bytes': {
    min: -1,
    max: Number.MAX_SAFE_INTEGER,
    meaning: 'bytes, or -1 for no limit',
  },
  'segment.bytes': { min: BATCH.HEADER_SIZE, max: MAX_SEGMENT_BYTES, meaning: 'bytes' },
};

/** Throws KafkaError INVALID_CONFIG naming the first unknown key or out-of-range value. */
export function assertValidTopicConfig(config: TopicConfig): void {
  for (const [key, value] of Object.entries(config) as [string, unknown][]) {
    const rule = CONFIG_RULES[key as keyof TopicConfig];
    if (!rule) {
      const known = Object.keys(CONFIG_RULES).join(', ');
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `unknown topic config "${key}"; supported: ${known}`,
      );
    }
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < rule.min ||
      value > rule.max
    ) {
      throw new KafkaError(
        ErrorCode.INVALID_CONFIG,
        `topic config "${key}" is ${JSON.stringify(value)}; expected an integer from ${rule.min} to ${rule.max} (${rule.meaning})`,
      );
    }
  }
}

export function assertValidPartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new KafkaError(
      ErrorCode.INVALID_PARTITIONS,
      `partition count ${partitions} is invalid; expected an integer from 1 to ${MAX_PARTITIONS}`,
    );
  }
}

export function writeTopicMetadata(dir: string, topic: TopicDescription): void {
  const content: TopicMetadataFile = { version: FORMAT_VERSION, ...topic };
  writeFileAtomicSync(path.join(dir, TOPIC_METADATA_FILE), JSON.stringify(content, null, 2) + '\n');
}

/** The topic described in `dir`, undefined when the directory holds no metadata file. */
export function readTopicMetadata(dir: string): TopicDescription | undefined {
  const file = path.join(dir, TOPIC_METADATA_FILE);
  if (!fs.existsSync(file)) return undefined;
  let parsed: Partial<TopicMetadataFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TopicMetadataFile>;
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${String(err)}); restore it or delete the topic's directories`,
    );
  }
  if (
    parsed.version !== FORMAT_VERSION ||
    typeof parsed.name !== 'string' ||
    typeof parsed.partitions !== 'number'
  ) {
    throw new Error(`${file} is not a version ${FORMAT_VERSION} topic metadata file`);
  }
  const config = parsed.config ?? {};
  assertValidTopicConfig(config);
  return { name: parsed.name, partitions: parsed.partitions, config };
}
