import { GroupCoordinator } from '../group/group-coordinator';
import { Writer } from '../protocol';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/**
 * DescribeGroups v0-2: v1 adds the throttle time. Member metadata and assignments are the
 * clients' own bytes, returned as they were sent.
 */
export function handleDescribeGroups(coordinator: GroupCoordinator, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const groupIds = ctx.body.array((r) => r.nullableString('group_id') ?? '', 'group_ids');

  const w = new Writer();
  if (ctx.header.apiVersion >= 1) w.int32(0);
  return w.array(
    groupIds.map((id) => coordinator.describeGroup(id)),
    (out, g) => {
      out
        .int16(g.errorCode)
        .string(g.groupId)
        .string(g.state)
        .string(g.protocolType)
        .string(g.protocolName);
      out.array(g.members, (m, member) => {
        m.string(member.memberId).string(member.clientId).string(member.clientHost);
        m.bytes(member.metadata).bytes(member.assignment);
      });
    },
  );
}
