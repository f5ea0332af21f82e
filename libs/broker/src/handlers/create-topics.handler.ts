import { ErrorCode, KafkaError, Writer } from '../protocol';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { parseTopicConfig } from './topic-config';
import { assertSupportedVersion } from './version-check';

interface TopicResult {
  name: string;
  error: ErrorCode;
  message: string | null;
}

interface TopicRequest {
  name: string;
  partitions: number;
  replicationFactor: number;
  assignments: number;
  configs: { name: string; value: string | null }[];
}

/** CreateTopics v0-4: topics are created synchronously, so leaders exist when we answer. */
export function handleCreateTopics(broker: BrokerContext, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const body = ctx.body;
  const topics = body.array(
    (t): TopicRequest => ({
      name: t.string('topic name'),
      partitions: t.int32('num_partitions'),
      replicationFactor: t.int16('replication_factor'),
      assignments: t.array((a) => {
        a.int32('partition_index');
        return a.array((b) => b.int32('broker id'), 'broker_ids');
      }, 'assignments').length,
      configs: t.array(
        (c) => ({ name: c.string('config name'), value: c.nullableString('config value') }),
        'configs',
      ),
    }),
    'topics',
  );
  body.int32('timeout_ms');
  const validateOnly = version >= 1 ? body.boolean('validate_only') : false;

  const results = topics.map((t) => createOne(broker, t, validateOnly));

  const w = new Writer();
  if (version >= 2) w.int32(0);
  w.array(results, (out, r) => {
    out.string(r.name).int16(r.error);
    if (version >= 1) out.nullableString(r.message);
  });
  return w;
}

function createOne(broker: BrokerContext, t: TopicRequest, validateOnly: boolean): TopicResult {
  const partitions = t.partitions === -1 ? broker.config.defaultPartitions : t.partitions;
  try {
    if (t.assignments > 0) {
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        'manual replica assignment is not supported on a single node',
      );
    }
    if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
      throw new KafkaError(
        ErrorCode.INVALID_REPLICATION_FACTOR,
        `replication factor ${t.replicationFactor} is larger than the 1 available broker`,
      );
    }
    if (partitions < 1)
      throw new KafkaError(
        ErrorCode.INVALID_PARTITIONS,
        `${partitions} partitions: expected at least 1`,
      );
    const config = parseTopicConfig(t.configs);
    if (validateOnly) {
      if (broker.logs.describeTopic(t.name)) {
        throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic ${t.name} already exists`);
      }
    } else {
      broker.logs.createTopic(t.name, partitions, config);
    }
    return { name: t.name, error: ErrorCode.NONE, message: null };
  } catch (err) {
    if (err instanceof KafkaError) return { name: t.name, error: err.code, message: err.message };
    throw err;
  }
}
