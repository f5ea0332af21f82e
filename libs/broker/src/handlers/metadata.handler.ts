import { ErrorCode, KafkaError, Writer } from '../protocol';
import type { TopicDescription } from '../log';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

interface TopicMetadata {
  error: ErrorCode;
  name: string;
  partitions: number;
}

/**
 * Metadata v1-6. A null topic list means every topic; an empty list means none (librdkafka
 * sends it to refresh brokers only). Missing topics are created on the spot when the broker
 * allows it and the request does (the flag exists from v4; before that creation is implied),
 * so the answer names a leader at once.
 */
export function handleMetadata(broker: BrokerContext, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const requested = ctx.body.nullableArray((r) => r.string('topic name'), 'topics');
  const allowAutoCreate = version >= 4 ? ctx.body.boolean('allow_auto_topic_creation') : true;

  const topics =
    requested === null
      ? broker.logs.listTopics().map(found)
      : requested.map((name) => resolveTopic(broker, name, allowAutoCreate));

  return encodeMetadata(broker, version, topics);
}

function found(topic: TopicDescription): TopicMetadata {
  return { error: ErrorCode.NONE, name: topic.name, partitions: topic.partitions };
}

function resolveTopic(
  broker: BrokerContext,
  name: string,
  allowAutoCreate: boolean,
): TopicMetadata {
  const existing = broker.logs.describeTopic(name);
  if (existing) return found(existing);
  if (!allowAutoCreate || !broker.config.autoCreateTopics) {
    return { error: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, partitions: 0 };
  }
  try {
    return found(broker.logs.createTopic(name, broker.config.defaultPartitions));
  } catch (err) {
    if (err instanceof KafkaError) return { error: err.code, name, partitions: 0 };
    throw err;
  }
}

function encodeMetadata(broker: BrokerContext, version: number, topics: TopicMetadata[]): Writer {
  const node = broker.node();
  const w = new Writer(256 + topics.length * 64);
  if (version >= 3) w.int32(0);
  w.array([node], (out, n) => {
    out.int32(n.nodeId).string(n.host).int32(n.port);
    out.nullableString(null);
  });
  if (version >= 2) w.nullableString(broker.clusterId);
  w.int32(node.nodeId);
  w.array(topics, (out, topic) => {
    out.int16(topic.error).string(topic.name).boolean(false);
    const partitions = Array.from({ length: topic.partitions }, (_, i) => i);
    out.array(partitions, (p, index) => {
      p.int16(ErrorCode.NONE).int32(index).int32(node.nodeId);
      p.array([node.nodeId], (r, id) => r.int32(id));
      p.array([node.nodeId], (r, id) => r.int32(id));
      if (version >= 5) p.int32(0);
    });
  });
  return w;
}
