import { GroupCoordinator } from '../group/group-coordinator';
import { Writer } from '../protocol';
import { readGroupId, readMemberId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** Heartbeat v0-3: v1 adds the throttle time, v3 group_instance_id. */
export function handleHeartbeat(coordinator: GroupCoordinator, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const r = ctx.body;
  const version = ctx.header.apiVersion;
  const groupId = readGroupId(r);
  const generationId = r.int32('generation_id');
  const memberId = readMemberId(r);
  if (version >= 3) r.nullableString('group_instance_id');

  const errorCode = coordinator.heartbeat({ groupId, generationId, memberId });
  const w = new Writer();
  if (version >= 1) w.int32(0);
  return w.int16(errorCode);
}
