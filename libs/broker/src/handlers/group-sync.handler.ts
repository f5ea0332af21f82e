import { GroupCoordinator } from '../group/group-coordinator';
import { SyncGroupRequest } from '../group/group-types';
import { Writer } from '../protocol';
import { copyBytes, readGroupId, readMemberId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/**
 * SyncGroup v0-3. A follower's request is held until the leader's assignment is stored. v1
 * adds the throttle time, v3 group_instance_id.
 */
export function handleSyncGroup(
  coordinator: GroupCoordinator,
  ctx: RequestContext,
): Promise<Writer> {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const request = readSyncGroup(ctx);
  return coordinator.syncGroup(request).then((result) => {
    const w = new Writer();
    if (version >= 1) w.int32(0);
    return w.int16(result.errorCode).bytes(result.assignment);
  });
}

function readSyncGroup(ctx: RequestContext): SyncGroupRequest {
  const r = ctx.body;
  const groupId = readGroupId(r);
  const generationId = r.int32('generation_id');
  const memberId = readMemberId(r);
  if (ctx.header.apiVersion >= 3) r.nullableString('group_instance_id');
  const assignments = r.array(
    (a) => ({
      memberId: a.string('assignment member_id'),
      assignment: copyBytes(a.bytes('assignment')),
    }),
    'assignments',
  );
  return { groupId, generationId, memberId, assignments };
}
