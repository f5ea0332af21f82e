import { ErrorCode } from '../protocol';

/** The classic group states, named as Kafka's DescribeGroups reports them. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** One assignment protocol a member offers (e.g. kafkajs "RoundRobinAssigner", "range"). */
export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupRequest {
  groupId: string;
  /** Empty on a member's first join. */
  memberId: string;
  /** Static membership (JoinGroup v5); accepted, but the member is treated as dynamic. */
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  /** JoinGroup v4+: a member without an id is handed one and must join again with it. */
  requireKnownMemberId: boolean;
}

export interface JoinedMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResult {
  errorCode: ErrorCode;
  generationId: number;
  protocolName: string;
  leaderId: string;
  memberId: string;
  /** Every member with its metadata for the chosen protocol; empty except for the leader. */
  members: JoinedMember[];
}

export interface MemberAssignment {
  memberId: string;
  assignment: Buffer;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  /** Sent by the leader only. */
  assignments: MemberAssignment[];
}

export interface SyncGroupResult {
  errorCode: ErrorCode;
  assignment: Buffer;
}

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
}

export interface LeaveGroupRequest {
  groupId: string;
  memberId: string;
}

export interface OffsetCommitPartition {
  partition: number;
  offset: number;
  metadata: string | null;
}

export interface OffsetCommitRequest {
  groupId: string;
  /** -1 with an empty member id for a "simple" consumer or an admin tool. */
  generationId: number;
  memberId: string;
  topics: { topic: string; partitions: OffsetCommitPartition[] }[];
}

export interface OffsetCommitTopicResult {
  topic: string;
  partitions: { partition: number; errorCode: ErrorCode }[];
}

export interface CommittedOffset {
  offset: number;
  /** A null committed metadata is stored as "", as Kafka does. */
  metadata: string;
  commitTimestamp: number;
}

export interface FetchedOffset {
  partition: number;
  /** -1 when nothing is committed. */
  offset: number;
  metadata: string;
  errorCode: ErrorCode;
}

export interface OffsetFetchTopicResult {
  topic: string;
  partitions: FetchedOffset[];
}

export interface OffsetFetchResult {
  errorCode: ErrorCode;
  topics: OffsetFetchTopicResult[];
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface MemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  metadata: Buffer;
  assignment: Buffer;
}

export interface GroupDescription {
  errorCode: ErrorCode;
  groupId: string;
  state: GroupState;
  protocolType: string;
  protocolName: string;
  members: MemberDescription[];
}

export interface GroupListing {
  groupId: string;
  protocolType: string;
}
