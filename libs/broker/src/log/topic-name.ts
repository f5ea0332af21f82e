import { ErrorCode, KafkaError } from '../protocol';

/** Kafka's limit (Topic.MAX_NAME_LENGTH): a name plus "-<partition>" must fit a 255-byte file name. */
export const MAX_TOPIC_NAME_LENGTH = 249;

const LEGAL_CHARS = /^[a-zA-Z0-9._-]+$/;
const PARTITION_DIR = /^(.+)-(\d+)$/;

/** Throws KafkaError INVALID_TOPIC_EXCEPTION unless `name` is a legal Kafka topic name. */
export function assertValidTopicName(name: string): void {
  const problem = topicNameProblem(name);
  if (problem !== undefined) {
    throw new KafkaError(
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      `topic name ${JSON.stringify(name)} ${problem}`,
    );
  }
}

function topicNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name === '.' || name === '..') return 'is reserved; "." and ".." are not topic names';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `is ${name.length} characters long; the limit is ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (!LEGAL_CHARS.test(name)) return 'may contain only ASCII letters, digits, ".", "_" and "-"';
  return undefined;
}

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Splits "<topic>-<partition>" at its last dash; topic names may contain dashes themselves. */
export function parsePartitionDirName(
  dirName: string,
): { topic: string; partition: number } | undefined {
  const match = PARTITION_DIR.exec(dirName);
  if (!match) return undefined;
  return { topic: match[1], partition: Number(match[2]) };
}
