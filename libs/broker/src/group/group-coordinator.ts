import { mkdir } from 'node:fs/promises';
import { createLogger } from '@joinedup/logging';
import { ErrorCode } from '../protocol';
import { ConsumerGroup, GroupEnvironment } from './consumer-group';
import {
  GroupCoordinatorOptions,
  ResolvedGroupCoordinatorOptions,
  resolveGroupCoordinatorOptions,
} from './group-coordinator-options';
import { GroupJournal } from './group-journal';
import { joinError } from './group-member';
import { JournalRecord, StoredGroup, StoredOffset } from './group-records';
import {
  FetchedOffset,
  GroupDescription,
  GroupListing,
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupRequest,
  OffsetCommitRequest,
  OffsetCommitTopicResult,
  OffsetFetchResult,
  OffsetFetchTopicResult,
  SyncGroupRequest,
  SyncGroupResult,
  TopicPartitions,
} from './group-types';

/** Kafka's OFFSET_METADATA_TOO_LARGE; not in the shared ErrorCode table. */
export const OFFSET_METADATA_TOO_LARGE = 12 as ErrorCode;

function isValidGroupId(groupId: string): boolean {
  return groupId.length > 0;
}

/**
 * The consumer-group coordinator of this single-node broker: every group lives here, with its
 * members, rebalances and committed offsets. Offsets and each group's settled state (generation,
 * protocol, leader, members with metadata, assignments and session timeouts) are journaled, so
 * a restarted broker takes groups back where they were.
 *
 * Methods answer with protocol error codes rather than throwing: every refusal is a normal
 * answer to a client. JoinGroup and SyncGroup return promises that stay pending while the
 * request is parked for a rebalance.
 */
export class GroupCoordinator {
  private readonly log = createLogger('GroupCoordinator');
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly env: GroupEnvironment;
  private closed = false;

  private constructor(
    private readonly options: ResolvedGroupCoordinatorOptions,
    private readonly journal: GroupJournal,
  ) {
    this.env = {
      initialRebalanceDelayMs: options.initialRebalanceDelayMs,
      store: (group, state) => this.storeGroup(group, state),
      emptied: (group) => this.onGroupEmptied(group),
      log: this.log,
    };
  }

  /** Loads the journaled state from `opts.dir` (created if missing) and compacts it. */
  static async open(opts: GroupCoordinatorOptions): Promise<GroupCoordinator> {
    const options = resolveGroupCoordinatorOptions(opts);
    await mkdir(options.dir, { recursive: true });
    const journal = new GroupJournal(options.dir, options.compactJournalBytes);
    const coordinator = new GroupCoordinator(options, journal);
    coordinator.replay(await journal.read());
    await journal.open(() => coordinator.snapshot());
    coordinator.resume();
    return coordinator;
  }

  /** Answers parked requests with NOT_COORDINATOR, stops every timer and closes the journal. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const group of this.groups.values()) group.shutdown(ErrorCode.NOT_COORDINATOR);
    await this.journal.close();
  }

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    const refusal = this.refuseJoin(req);
    if (refusal !== ErrorCode.NONE) return Promise.resolve(joinError(refusal, req.memberId));
    let group = this.groups.get(req.groupId);
    if (!group) {
      if (req.memberId !== '')
        return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
      group = this.createGroup(req.groupId);
    }
    const rebalanceTimeoutMs =
      req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
    return group.join({ ...req, rebalanceTimeoutMs });
  }

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    const found = this.findGroup(req.groupId);
    if (typeof found === 'number')
      return Promise.resolve({ errorCode: found, assignment: Buffer.alloc(0) });
    return found.sync(req);
  }

  heartbeat(req: HeartbeatRequest): ErrorCode {
    const found = this.findGroup(req.groupId);
    return typeof found === 'number' ? found : found.heartbeat(req);
  }

  leaveGroup(req: LeaveGroupRequest): ErrorCode {
    const found = this.findGroup(req.groupId);
    return typeof found === 'number' ? found : found.leave(req.memberId);
  }

  /**
   * Stores offsets and resolves once they are fsynced. A group the coordinator has never seen
   * takes commits only without a generation (-1), as Kafka allows for simple consumers.
   */
  async commitOffsets(req: OffsetCommitRequest): Promise<OffsetCommitTopicResult[]> {
    const refusal = this.refuseCommit(req);
    if (refusal !== ErrorCode.NONE) return answerAll(req, refusal);

    const now = Date.now();
    const accepted: StoredOffset[] = [];
    const results = req.topics.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map(({ partition, offset, metadata }) => {
        const text = metadata ?? '';
        if (Buffer.byteLength(text) > this.options.maxOffsetMetadataBytes) {
          return { partition, errorCode: OFFSET_METADATA_TOO_LARGE };
        }
        accepted.push({ topic, partition, offset, metadata: text, commitTimestamp: now });
        return { partition, errorCode: ErrorCode.NONE };
      }),
    }));
    if (accepted.length === 0) return results;

    const group = this.groups.get(req.groupId) ?? this.createGroup(req.groupId);
    // Applied before the write so that a compaction running meanwhile snapshots them too.
    group.setOffsets(accepted);
    try {
      await this.journal.append({ kind: 'offsets', groupId: req.groupId, offsets: accepted });
    } catch {
      return answerAll(req, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    return results;
  }

  /**
   * Committed offsets of the given partitions (-1 and "" where nothing is committed), or of
   * every committed partition when `topics` is null.
   */
  fetchOffsets(groupId: string, topics: TopicPartitions[] | null): OffsetFetchResult {
    if (!isValidGroupId(groupId)) {
      const topicsWithError = (topics ?? []).map(({ topic, partitions }) => ({
        topic,
        partitions: partitions.map((partition) => noOffset(partition, ErrorCode.INVALID_GROUP_ID)),
      }));
      return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: topicsWithError };
    }
    const group = this.groups.get(groupId);
    if (topics === null)
      return { errorCode: ErrorCode.NONE, topics: group ? groupByTopic(group.allOffsets()) : [] };
    return {
      errorCode: ErrorCode.NONE,
      topics: topics.map(({ topic, partitions }) => ({
        topic,
        partitions: partitions.map((partition) => {
          const committed = group?.committedOffset(topic, partition);
          if (!committed) return noOffset(partition, ErrorCode.NONE);
          return {
            partition,
            offset: committed.offset,
            metadata: committed.metadata,
            errorCode: ErrorCode.NONE,
          };
        }),
      })),
    };
  }

  /** An unknown group is reported as Kafka does: no error, state Dead, no members. */
  describeGroup(groupId: string): GroupDescription {
    const group = this.groups.get(groupId);
    if (group) return group.describe();
    const errorCode = isValidGroupId(groupId) ? ErrorCode.NONE : ErrorCode.INVALID_GROUP_ID;
    return { errorCode, groupId, state: 'Dead', protocolType: '', protocolName: '', members: [] };
  }

  listGroups(): GroupListing[] {
    return [...this.groups.values()].map((g) => ({
      groupId: g.groupId,
      protocolType: g.protocolType ?? '',
    }));
  }

  private refuseJoin(req: JoinGroupRequest): ErrorCode {
    if (this.closed) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (!isValidGroupId(req.groupId)) return ErrorCode.INVALID_GROUP_ID;
    const { minSessionTimeoutMs, maxSessionTimeoutMs } = this.options;
    if (req.sessionTimeoutMs < minSessionTimeoutMs || req.sessionTimeoutMs > maxSessionTimeoutMs) {
      return ErrorCode.INVALID_SESSION_TIMEOUT;
    }
    if (req.protocolType === '' || req.protocols.length === 0)
      return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    return ErrorCode.NONE;
  }

  private refuseCommit(req: OffsetCommitRequest): ErrorCode {
    if (this.closed) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (!isValidGroupId(req.groupId)) return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(req.groupId);
    if (group) return group.validateCommit(req.generationId, req.memberId);
    // No group yet: only a simple consumer may create one by committing.
    return req.generationId < 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
  }

  /** The group, or the error a request naming a group that cannot be used gets. */
  private findGroup(groupId: string): ConsumerGroup | ErrorCode {
    if (this.closed) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (!isValidGroupId(groupId)) return ErrorCode.INVALID_GROUP_ID;
    return this.groups.get(groupId) ?? ErrorCode.UNKNOWN_MEMBER_ID;
  }

  private createGroup(groupId: string): ConsumerGroup {
    const group = new ConsumerGroup(groupId, this.env);
    this.groups.set(groupId, group);
    return group;
  }

  private storeGroup(group: ConsumerGroup, state: StoredGroup): Promise<void> {
    group.stored = state;
    return this.journal.append({ kind: 'group', group: state });
  }

  /** An empty group is kept while it holds offsets; otherwise it is forgotten. */
  private onGroupEmptied(group: ConsumerGroup): void {
    if (this.closed || this.groups.get(group.groupId) !== group) return;
    if (group.isDisposable) {
      this.groups.delete(group.groupId);
      if (group.stored) this.appendInBackground({ kind: 'group-removed', groupId: group.groupId });
      return;
    }
    const state = group.toStored('Empty');
    group.stored = state;
    this.appendInBackground({ kind: 'group', group: state });
  }

  private appendInBackground(record: JournalRecord): void {
    this.journal.append(record).catch((err: Error) => {
      this.log.error('could not journal group state', { record: record.kind, error: err });
    });
  }

  private replay(records: JournalRecord[]): void {
    for (const record of records) {
      switch (record.kind) {
        case 'group': {
          const previous = this.groups.get(record.group.groupId);
          const group = ConsumerGroup.restore(record.group, this.env);
          if (previous) group.takeOffsetsFrom(previous);
          this.groups.set(group.groupId, group);
          break;
        }
        case 'offsets':
          (this.groups.get(record.groupId) ?? this.createGroup(record.groupId)).setOffsets(
            record.offsets,
          );
          break;
        case 'group-removed':
          this.groups.delete(record.groupId);
          break;
      }
    }
    for (const group of [...this.groups.values()]) {
      if (group.isDisposable) this.groups.delete(group.groupId);
    }
  }

  private resume(): void {
    let members = 0;
    for (const group of this.groups.values()) {
      group.resume();
      members += group.memberIds.length;
    }
    this.log.info('group state loaded', {
      dir: this.options.dir,
      groups: this.groups.size,
      members,
    });
  }

  /** The whole state as records, for compaction. */
  private snapshot(): JournalRecord[] {
    const records: JournalRecord[] = [];
    for (const group of this.groups.values()) {
      if (group.stored) records.push({ kind: 'group', group: group.stored });
      if (group.hasOffsets)
        records.push({ kind: 'offsets', groupId: group.groupId, offsets: group.allOffsets() });
    }
    return records;
  }
}

function answerAll(req: OffsetCommitRequest, errorCode: ErrorCode): OffsetCommitTopicResult[] {
  return req.topics.map(({ topic, partitions }) => ({
    topic,
    partitions: partitions.map(({ partition }) => ({ partition, errorCode })),
  }));
}

function noOffset(partition: number, errorCode: ErrorCode): FetchedOffset {
  return { partition, offset: -1, metadata: '', errorCode };
}

function groupByTopic(offsets: StoredOffset[]): OffsetFetchTopicResult[] {
  const byTopic = new Map<string, FetchedOffset[]>();
  for (const o of offsets) {
    let partitions = byTopic.get(o.topic);
    if (!partitions) byTopic.set(o.topic, (partitions = []));
    partitions.push({
      partition: o.partition,
      offset: o.offset,
      metadata: o.metadata,
      errorCode: ErrorCode.NONE,
    });
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}
