import { GroupCoordinator } from '../group/group-coordinator';
import { JoinGroupRequest, JoinGroupResult } from '../group/group-types';
import { Writer } from '../protocol';
import { clientHost, copyBytes, readGroupId, readMemberId } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/**
 * JoinGroup v0-5. The response is held until the group's rebalance completes. v1 adds the
 * rebalance timeout (v0 uses the session timeout), v2 the throttle time, v4 the two-step join
 * (MEMBER_ID_REQUIRED with a generated id), v5 group_instance_id.
 */
export function handleJoinGroup(
  coordinator: GroupCoordinator,
  ctx: RequestContext,
): Promise<Writer> {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const request = readJoinGroup(ctx);
  return coordinator.joinGroup(request).then((result) => writeJoinGroup(result, version));
}

function readJoinGroup(ctx: RequestContext): JoinGroupRequest {
  const r = ctx.body;
  const version = ctx.header.apiVersion;
  const groupId = readGroupId(r);
  const sessionTimeoutMs = r.int32('session_timeout_ms');
  const rebalanceTimeoutMs = version >= 1 ? r.int32('rebalance_timeout_ms') : sessionTimeoutMs;
  const memberId = readMemberId(r);
  const groupInstanceId = version >= 5 ? r.nullableString('group_instance_id') : null;
  const protocolType = r.string('protocol_type');
  const protocols = r.array(
    (p) => ({ name: p.string('protocol name'), metadata: copyBytes(p.bytes('protocol metadata')) }),
    'protocols',
  );
  return {
    groupId,
    memberId,
    groupInstanceId,
    clientId: ctx.header.clientId ?? '',
    clientHost: clientHost(ctx.connection.remoteAddress),
    sessionTimeoutMs,
    rebalanceTimeoutMs,
    protocolType,
    protocols,
    requireKnownMemberId: version >= 4,
  };
}

function writeJoinGroup(result: JoinGroupResult, version: number): Writer {
  const w = new Writer();
  if (version >= 2) w.int32(0);
  w.int16(result.errorCode)
    .int32(result.generationId)
    .string(result.protocolName)
    .string(result.leaderId)
    .string(result.memberId);
  return w.array(result.members, (out, member) => {
    out.string(member.memberId);
    if (version >= 5) out.nullableString(member.groupInstanceId);
    out.bytes(member.metadata);
  });
}
