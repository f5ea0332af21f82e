/**
 * The APIs this broker serves and the versions it advertises. Every range stays below the
 * API's first flexible version, so clients speak only the classic encodings; see
 * shared/reference/kafka-wire-protocol.md for why each bound is where it is.
 */
export enum ApiKey {
  Produce = 0,
  Fetch = 1,
  ListOffsets = 2,
  Metadata = 3,
  OffsetCommit = 8,
  OffsetFetch = 9,
  FindCoordinator = 10,
  JoinGroup = 11,
  Heartbeat = 12,
  LeaveGroup = 13,
  SyncGroup = 14,
  DescribeGroups = 15,
  ListGroups = 16,
  ApiVersions = 18,
  CreateTopics = 19,
  DeleteTopics = 20,
  InitProducerId = 22,
}

export interface VersionRange {
  min: number;
  max: number;
}

export const SUPPORTED_VERSIONS: ReadonlyMap<ApiKey, VersionRange> = new Map([
  // Produce advertises 0 as its minimum although it serves only 3-7: librdkafka before
  // 2.11.1 turns compression off against a broker whose Produce minimum is above 0.
  [ApiKey.Produce, { min: 0, max: 7 }],
  [ApiKey.Fetch, { min: 4, max: 11 }],
  [ApiKey.ListOffsets, { min: 1, max: 3 }],
  // Metadata v7 adds leader epochs, which make librdkafka validate them with
  // OffsetForLeaderEpoch; v6 keeps both clients on the simple path.
  [ApiKey.Metadata, { min: 1, max: 6 }],
  [ApiKey.OffsetCommit, { min: 2, max: 5 }],
  [ApiKey.OffsetFetch, { min: 1, max: 5 }],
  [ApiKey.FindCoordinator, { min: 0, max: 2 }],
  [ApiKey.JoinGroup, { min: 0, max: 5 }],
  [ApiKey.Heartbeat, { min: 0, max: 3 }],
  [ApiKey.LeaveGroup, { min: 0, max: 2 }],
  [ApiKey.SyncGroup, { min: 0, max: 3 }],
  [ApiKey.DescribeGroups, { min: 0, max: 2 }],
  [ApiKey.ListGroups, { min: 0, max: 2 }],
  [ApiKey.ApiVersions, { min: 0, max: 3 }],
  [ApiKey.CreateTopics, { min: 0, max: 4 }],
  [ApiKey.DeleteTopics, { min: 0, max: 3 }],
  [ApiKey.InitProducerId, { min: 0, max: 1 }],
]);

/** Produce v0-2 carry message formats v0/v1, which this broker does not store. */
export const PRODUCE_MIN_SERVED = 3;

export function apiName(key: number): string {
  return ApiKey[key] ?? `api ${key}`;
}
