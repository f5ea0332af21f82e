import { GroupCoordinator } from '../group/group-coordinator';
import { OffsetFetchTopicResult, TopicPartitions } from '../group/group-types';
import { ErrorCode, Writer } from '../protocol';
import { readGroupId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** A committed leader epoch this broker does not track. */
const NO_LEADER_EPOCH = -1;

/**
 * OffsetFetch v1-5. Partitions without a commit answer offset -1, metadata "" and no error.
 * v2 adds a top-level error code and lets a null topic list ask for every committed partition;
 * v3 adds the throttle time, v5 the committed leader epoch.
 */
export function handleOffsetFetch(coordinator: GroupCoordinator, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const r = ctx.body;
  const version = ctx.header.apiVersion;
  const groupId = readGroupId(r);
  const readTopic = (t: typeof r): TopicPartitions => ({
    topic: t.string('topic'),
    partitions: t.array((p) => p.int32('partition'), 'partitions'),
  });
  const topics = version >= 2 ? r.nullableArray(readTopic, 'topics') : r.array(readTopic, 'topics');

  const result = coordinator.fetchOffsets(groupId, topics);
  const w = new Writer();
  if (version >= 3) w.int32(0);
  // From v2 a group-level error is reported once, at the top, with no topics.
  const hasTopLevelError = version >= 2 && result.errorCode !== ErrorCode.NONE;
  writeTopics(w, hasTopLevelError ? [] : result.topics, version);
  if (version >= 2) w.int16(result.errorCode);
  return w;
}

function writeTopics(w: Writer, topics: OffsetFetchTopicResult[], version: number): void {
  w.array(topics, (out, t) => {
    out.string(t.topic);
    out.array(t.partitions, (p, o) => {
      p.int32(o.partition).int64(o.offset);
      if (version >= 5) p.int32(NO_LEADER_EPOCH);
      p.nullableString(o.metadata).int16(o.errorCode);
    });
  });
}
