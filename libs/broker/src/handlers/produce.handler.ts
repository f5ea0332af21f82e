import {
  ErrorCode,
  KafkaError,
  PRODUCE_MIN_SERVED,
  Reader,
  validateProducedBatches,
  Writer,
} from '../protocol';
import { createLogger } from '@joinedup/logging';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

interface PartitionData {
  index: number;
  records: Buffer | null;
}

interface TopicData {
  name: string;
  partitions: PartitionData[];
}

interface PartitionResult {
  index: number;
  error: ErrorCode;
  baseOffset: number;
  logStartOffset: number;
}

const VALID_ACKS = new Set([0, 1, -1]);

const log = createLogger('ProduceHandler');

/**
 * Produce v0-7. Versions 0-2 carry message formats this broker does not store; they are
 * answered with UNSUPPORTED_VERSION per partition (advertised only for librdkafka's sake).
 * Appends happen synchronously in request order; with acks=-1 the answer waits until the
 * flush policy says the data is durable.
 */
export function handleProduce(
  broker: BrokerContext,
  ctx: RequestContext,
): Writer | null | Promise<Writer> {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const request = decodeProduce(ctx.body, version);

  if (version < PRODUCE_MIN_SERVED) {
    return encodeProduce(version, failAll(request.topics, ErrorCode.UNSUPPORTED_VERSION));
  }
  if (!VALID_ACKS.has(request.acks)) {
    return encodeProduce(version, failAll(request.topics, ErrorCode.INVALID_REQUIRED_ACKS));
  }

  const durable: Promise<void>[] = [];
  const results = request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) =>
      appendPartition(broker, topic.name, p, request.acks, durable, ctx.connection.remoteAddress),
    ),
  }));

  if (request.acks === 0) return null;
  if (durable.length === 0) return encodeProduce(version, results);
  return Promise.all(durable).then(() => encodeProduce(version, results));
}

function decodeProduce(body: Reader, version: number): { acks: number; topics: TopicData[] } {
  if (version >= 3) body.nullableString('transactional_id');
  const acks = body.int16('acks');
  body.int32('timeout_ms');
  const topics = body.array(
    (t) => ({
      name: t.string('topic name'),
      partitions: t.array(
        (p) => ({ index: p.int32('partition'), records: p.nullableBytes('records') }),
        'partitions',
      ),
    }),
    'topics',
  );
  return { acks, topics };
}

function appendPartition(
  broker: BrokerContext,
  topic: string,
  data: PartitionData,
  acks: number,
  durable: Promise<void>[],
  client: string,
): PartitionResult {
  const partitionLog = broker.logs.partition(topic, data.index);
  if (!partitionLog) return failed(data.index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (!data.records || data.records.length === 0)
    return failed(data.index, ErrorCode.CORRUPT_MESSAGE);
  try {
    const batches = validateProducedBatches(data.records, broker.config.maxBatchBytes);
    const result = partitionLog.append(data.records, batches, acks);
    const answer: PartitionResult = {
      index: data.index,
      error: ErrorCode.NONE,
      baseOffset: result.baseOffset,
      logStartOffset: result.logStartOffset,
    };
    if (acks !== 0) durable.push(awaitDurable(partitionLog.waitDurable(acks), answer, topic));
    return answer;
  } catch (err) {
    if (!(err instanceof KafkaError)) throw err;
    log.warn('produce refused', {
      client,
      topic,
      partition: data.index,
      error: ErrorCode[err.code],
      reason: err.message,
    });
    return failed(data.index, err.code, partitionLog.logStartOffset);
  }
}

/**
 * A failed fsync (or a topic deleted meanwhile) fails that partition's answer only: the data
 * may not be durable, so the client must not count it as written, but the connection and the
 * other partitions are unaffected.
 */
function awaitDurable(
  durable: Promise<void>,
  answer: PartitionResult,
  topic: string,
): Promise<void> {
  return durable.catch((err: unknown) => {
    const code = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_SERVER_ERROR;
    log.error('produce not made durable', {
      topic,
      partition: answer.index,
      error: ErrorCode[code],
      reason: (err as Error).message,
    });
    answer.error = code;
    answer.baseOffset = -1;
  });
}

function failed(index: number, error: ErrorCode, logStartOffset = -1): PartitionResult {
  return { index, error, baseOffset: -1, logStartOffset };
}

function failAll(
  topics: TopicData[],
  error: ErrorCode,
): { name: string; partitions: PartitionResult[] }[] {
  return topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => failed(p.index, error)),
  }));
}

function encodeProduce(
  version: number,
  topics: { name: string; partitions: PartitionResult[] }[],
): Writer {
  const w = new Writer(64 + topics.length * 48);
  w.array(topics, (out, topic) => {
    out.string(topic.name);
    out.array(topic.partitions, (p, r) => {
      p.int32(r.index).int16(r.error).int64(r.baseOffset);
      if (version >= 2) p.int64(-1);
      if (version >= 5) p.int64(r.logStartOffset);
    });
  });
  if (version >= 1) w.int32(0);
  return w;
}
