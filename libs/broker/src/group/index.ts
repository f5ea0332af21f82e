/**
 * The consumer-group coordinator and the handlers of the group APIs (FindCoordinator,
 * JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch, DescribeGroups,
 * ListGroups).
 *
 * Limits:
 * - Static membership (group.instance.id) is accepted and reported, but such members are
 *   treated as dynamic: a restart of the client still causes a rebalance.
 * - Committed offsets are kept for as long as their group exists; there is no
 *   offsets.retention.minutes, and DeleteGroups and OffsetDelete are not served.
 * - A commit answered with an error after a failed fsync may still be visible to OffsetFetch
 *   until the broker restarts; after the failure every commit is refused.
 */
export { GroupCoordinator, OFFSET_METADATA_TOO_LARGE } from './group-coordinator';
export { GROUP_COORDINATOR_DEFAULTS } from './group-coordinator-options';
export type { GroupCoordinatorOptions } from './group-coordinator-options';
export { createGroupHandlers } from '../handlers/group-handlers';
export type { CoordinatorNode } from '../handlers/group-handlers';
export type * from './group-types';
