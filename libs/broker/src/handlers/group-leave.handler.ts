import { GroupCoordinator } from '../group/group-coordinator';
import { Writer } from '../protocol';
import { readGroupId, readMemberId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** LeaveGroup v0-2 (one member per request): v1 adds the throttle time. */
export function handleLeaveGroup(coordinator: GroupCoordinator, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const groupId = readGroupId(ctx.body);
  const memberId = readMemberId(ctx.body);

  const errorCode = coordinator.leaveGroup({ groupId, memberId });
  const w = new Writer();
  if (ctx.header.apiVersion >= 1) w.int32(0);
  return w.int16(errorCode);
}
