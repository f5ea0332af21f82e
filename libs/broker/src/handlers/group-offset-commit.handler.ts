import { GroupCoordinator } from '../group/group-coordinator';
import { OffsetCommitRequest } from '../group/group-types';
import { Writer } from '../protocol';
import { readGroupId, readMemberId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/**
 * OffsetCommit v2-5, answered once the offsets are fsynced. v2-4 carry a retention time, which
 * is ignored (offsets are kept until the group is deleted); v3 adds the throttle time.
 */
export function handleOffsetCommit(
  coordinator: GroupCoordinator,
  ctx: RequestContext,
): Promise<Writer> {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const request = readOffsetCommit(ctx);
  return coordinator.commitOffsets(request).then((topics) => {
    const w = new Writer();
    if (version >= 3) w.int32(0);
    return w.array(topics, (out, t) => {
      out.string(t.topic);
      out.array(t.partitions, (p, { partition, errorCode }) => p.int32(partition).int16(errorCode));
    });
  });
}

function readOffsetCommit(ctx: RequestContext): OffsetCommitRequest {
  const r = ctx.body;
  const version = ctx.header.apiVersion;
  const groupId = readGroupId(r);
  const generationId = r.int32('generation_id');
  const memberId = readMemberId(r);
  if (version <= 4) r.int64('retention_time_ms');
  const topics = r.array(
    (t) => ({
      topic: t.string('topic'),
      partitions: t.array(
        (p) => ({
          partition: p.int32('partition'),
          offset: p.int64('committed_offset'),
          metadata: p.nullableString('committed_metadata'),
        }),
        'partitions',
      ),
    }),
    'topics',
  );
  return { groupId, generationId, memberId, topics };
}
