import { ErrorCode, KafkaError, Writer } from '../protocol';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** DeleteTopics v0-3: removes the topic's files at once. */
export function handleDeleteTopics(broker: BrokerContext, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const names = ctx.body.array((r) => r.string('topic name'), 'topic_names');
  ctx.body.int32('timeout_ms');

  const results = names.map((name) => {
    try {
      broker.logs.deleteTopic(name);
      return { name, error: ErrorCode.NONE };
    } catch (err) {
      if (err instanceof KafkaError) return { name, error: err.code };
      throw err;
    }
  });

  const w = new Writer();
  if (version >= 1) w.int32(0);
  w.array(results, (out, r) => out.string(r.name).int16(r.error));
  return w;
}
