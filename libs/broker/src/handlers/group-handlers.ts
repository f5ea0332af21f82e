import { GroupCoordinator } from '../group/group-coordinator';
import { ApiKey } from '../protocol';
import { handleDescribeGroups } from './group-describe.handler';
import { handleFindCoordinator } from './group-find-coordinator.handler';
import { handleHeartbeat } from './group-heartbeat.handler';
import { handleJoinGroup } from './group-join.handler';
import { handleLeaveGroup } from './group-leave.handler';
import { handleListGroups } from './group-list.handler';
import { handleOffsetCommit } from './group-offset-commit.handler';
import { handleOffsetFetch } from './group-offset-fetch.handler';
import { handleSyncGroup } from './group-sync.handler';
import { CoordinatorNode } from './group-wire';
import { HandlerTable } from './request-handler';

export type { CoordinatorNode } from './group-wire';

/** The handlers of the group APIs, bound to one coordinator and this broker's address. */
export function createGroupHandlers(
  coordinator: GroupCoordinator,
  node: CoordinatorNode,
): HandlerTable {
  return {
    [ApiKey.FindCoordinator]: (ctx) => handleFindCoordinator(node, ctx),
    [ApiKey.JoinGroup]: (ctx) => handleJoinGroup(coordinator, ctx),
    [ApiKey.SyncGroup]: (ctx) => handleSyncGroup(coordinator, ctx),
    [ApiKey.Heartbeat]: (ctx) => handleHeartbeat(coordinator, ctx),
    [ApiKey.LeaveGroup]: (ctx) => handleLeaveGroup(coordinator, ctx),
    [ApiKey.OffsetCommit]: (ctx) => handleOffsetCommit(coordinator, ctx),
    [ApiKey.OffsetFetch]: (ctx) => handleOffsetFetch(coordinator, ctx),
    [ApiKey.DescribeGroups]: (ctx) => handleDescribeGroups(coordinator, ctx),
    [ApiKey.ListGroups]: (ctx) => handleListGroups(coordinator, ctx),
  };
}
