import {
  ConsumedRecord,
  headerText,
  KafkaAdmin,
  KafkaConnectionOptions,
  KafkaProducer,
  OutgoingHeaders,
  PartitionBatch,
  PartitionBatchConsumer,
  PartitionBatchControl,
  ProducerRecord,
} from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { RedriveIncompleteError } from '../errors/redrive-incomplete.error';
import {
  CONNECT_ERROR_HEADERS,
  isErrorHeader,
  originalHeaders,
  REDRIVEN_FROM_HEADER,
} from './dead-letter-headers';

export interface RedriveOptions {
  kafka: KafkaConnectionOptions;
  /** The dead-letter topic to re-publish from, e.g. `joinedup.waste.requests.v1.dlq`. */
  dlqTopic: string;
  /**
   * The group that remembers how far redrives have got, so each dead letter is re-published
   * once however often redrive runs. Default `joinedup-redrive.<dlqTopic>`.
   */
  groupId?: string;
  /** Give up waiting for the dead letters after this long. Default 60 s. */
  timeoutMs?: number;
}

export interface RedriveReport {
  dlqTopic: string;
  /** Dead letters read. */
  read: number;
  /** Re-published to their original topic. */
  redriven: number;
  /** Without a `__connect.errors.topic` header, so with nowhere to go; passed over. */
  skipped: number;
  /** Re-published per original topic. */
  byTopic: Record<string, number>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Re-publishes the dead letters written since the last redrive to the topics they came from,
 * with their original key, value and headers (the error headers removed) and a
 * `joinedup.redriven-from` header naming the dead letter. Reads up to the end offsets found
 * when it starts; later dead letters wait for the next run. Each record is committed only
 * after its re-publication is acknowledged.
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveReport> {
  const report: RedriveReport = {
    dlqTopic: options.dlqTopic,
    read: 0,
    redriven: 0,
    skipped: 0,
    byTopic: {},
  };
  const groupId = options.groupId ?? `joinedup-redrive.${options.dlqTopic}`;
  const admin = new KafkaAdmin(options.kafka);
  const producer = new KafkaProducer(options.kafka);
  const consumer = new PartitionBatchConsumer(options.kafka);
  try {
    const remaining = await partitionsToRead(admin, groupId, options.dlqTopic);
    if (remaining.size === 0) return report;
    await producer.connect();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(redriveTimeout(options, remaining)),
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      const finish = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const redriveBatch = async (batch: PartitionBatch, control: PartitionBatchControl) => {
        const end = remaining.get(batch.partition);
        if (end === undefined) return;
        const due = batch.records.filter((record) => BigInt(record.offset) < end);
        if (due.length === 0) return;
        await redrive(due, producer, report);
        await control.commit(due[due.length - 1].offset);
        if (BigInt(due[due.length - 1].offset) + 1n >= end) remaining.delete(batch.partition);
        if (remaining.size === 0) finish();
      };
      consumer
        .run({ groupId, topics: [options.dlqTopic], eachPartitionBatch: redriveBatch })
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err);
        });
    });
    return report;
  } finally {
    await consumer.stop();
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    createLogger('redriveDeadLetters').info('redrive finished', { ...report, groupId });
  }
}

/** Partitions with dead letters the group has not redriven yet, with the end offset to reach. */
async function partitionsToRead(
  admin: KafkaAdmin,
  groupId: string,
  dlqTopic: string,
): Promise<Map<number, bigint>> {
  const counts = await admin.partitionCounts([dlqTopic]);
  if (!counts.has(dlqTopic)) {
    throw new BackboneConfigurationError(`dead-letter topic ${dlqTopic} does not exist`, {
      topic: dlqTopic,
    });
  }
  const committed = new Map(
    (await admin.committedOffsets(groupId, [dlqTopic])).map((c) => [c.partition, BigInt(c.offset)]),
  );
  const remaining = new Map<number, bigint>();
  for (const { partition, low, high } of await admin.topicOffsets(dlqTopic)) {
    const position = committed.get(partition) ?? -1n;
    const from = position < 0n ? BigInt(low) : position;
    if (from < BigInt(high)) remaining.set(partition, BigInt(high));
  }
  return remaining;
}

async function redrive(
  records: readonly ConsumedRecord[],
  producer: KafkaProducer,
  report: RedriveReport,
): Promise<void> {
  const outgoing: ProducerRecord[] = [];
  for (const record of records) {
    report.read += 1;
    const topic = headerText(record.headers, CONNECT_ERROR_HEADERS.topic);
    if (!topic) {
      report.skipped += 1;
      continue;
    }
    outgoing.push({
      topic,
      key: record.key,
      value: record.value,
      headers: redrivenHeaders(record),
    });
  }
  if (outgoing.length === 0) return;
  await producer.send(outgoing);
  for (const { topic } of outgoing) {
    report.redriven += 1;
    report.byTopic[topic] = (report.byTopic[topic] ?? 0) + 1;
  }
}

function redrivenHeaders(record: ConsumedRecord): OutgoingHeaders {
  const headers: OutgoingHeaders = {};
  for (const [name, value] of Object.entries(originalHeaders(record))) {
    if (!isErrorHeader(name)) headers[name] = value;
  }
  headers[REDRIVEN_FROM_HEADER] = `${record.topic}/${record.partition}/${record.offset}`;
  return headers;
}

function redriveTimeout(options: RedriveOptions, remaining: Map<number, bigint>): Error {
  return new RedriveIncompleteError(
    options.dlqTopic,
    [...remaining.keys()],
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
}
