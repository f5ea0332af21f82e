import { ErrorCode, Writer } from '../protocol';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

const LATEST = -1;
const EARLIEST = -2;

interface OffsetAnswer {
  partition: number;
  error: ErrorCode;
  timestamp: number;
  offset: number;
}

/**
 * ListOffsets v1-3: -1 is the high watermark, -2 the log start, any other value the first
 * offset whose batch holds a timestamp at or after it; -1 when there is none, which kafkajs
 * reads as "the high offset".
 */
export function handleListOffsets(broker: BrokerContext, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const body = ctx.body;
  body.int32('replica_id');
  if (version >= 2) body.int8('isolation_level');
  const topics = body.array((t) => {
    const name = t.string('topic');
    const partitions = t.array(
      (p) => lookUp(broker, name, p.int32('partition'), p.int64('timestamp')),
      'partitions',
    );
    return { name, partitions };
  }, 'topics');

  const w = new Writer();
  if (version >= 2) w.int32(0);
  w.array(topics, (out, topic) => {
    out.string(topic.name);
    out.array(topic.partitions, (p, a) =>
      p.int32(a.partition).int16(a.error).int64(a.timestamp).int64(a.offset),
    );
  });
  return w;
}

function lookUp(
  broker: BrokerContext,
  topic: string,
  partition: number,
  timestamp: number,
): OffsetAnswer {
  const log = broker.logs.partition(topic, partition);
  if (!log)
    return { partition, error: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
  if (timestamp === LATEST)
    return { partition, error: ErrorCode.NONE, timestamp: -1, offset: log.logEndOffset };
  if (timestamp === EARLIEST)
    return { partition, error: ErrorCode.NONE, timestamp: -1, offset: log.logStartOffset };
  const offset = log.offsetForTimestamp(timestamp);
  const none = offset >= log.logEndOffset;
  return {
    partition,
    error: ErrorCode.NONE,
    timestamp: none ? -1 : timestamp,
    offset: none ? -1 : offset,
  };
}
