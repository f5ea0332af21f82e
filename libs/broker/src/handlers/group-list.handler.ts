import { GroupCoordinator } from '../group/group-coordinator';
import { ErrorCode, Writer } from '../protocol';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** ListGroups v0-2 (empty request): v1 adds the throttle time. */
export function handleListGroups(coordinator: GroupCoordinator, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const w = new Writer();
  if (ctx.header.apiVersion >= 1) w.int32(0);
  w.int16(ErrorCode.NONE);
  return w.array(coordinator.listGroups(), (out, g) =>
    out.string(g.groupId).string(g.protocolType),
  );
}
