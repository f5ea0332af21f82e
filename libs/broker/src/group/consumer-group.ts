import { randomUUID } from 'node:crypto';
import { Logger } from '@joinedup/logging';
import { ErrorCode } from '../protocol';
import { GroupMember, joinError, MemberSettings } from './group-member';
import { StoredGroup, StoredMember, StoredOffset } from './group-records';
import {
  CommittedOffset,
  GroupDescription,
  GroupState,
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResult,
  MemberAssignment,
  SyncGroupRequest,
  SyncGroupResult,
} from './group-types';
import { selectProtocol, supportedByAll } from './protocol-selection';

const NO_BYTES = Buffer.alloc(0);

/** What a group needs from its coordinator. */
export interface GroupEnvironment {
  /** Kafka's group.initial.rebalance.delay.ms: how long a new group waits for more members. */
  initialRebalanceDelayMs: number;
  /** Journals the group's settled state (and keeps it for snapshots); resolves once durable. */
  store(group: ConsumerGroup, state: StoredGroup): Promise<void>;
  /** The group has lost its last member: the coordinator keeps it or drops it. */
  emptied(group: ConsumerGroup): void;
  log: Logger;
}

interface InitialDelay {
  /** What is left of the rebalance timeout once the current delay ends. */
  remainingMs: number;
  /** A member joined during the current delay, so the group waits one delay more. */
  newMemberAdded: boolean;
}

function settled<T>(value: T): Promise<T> {
  return Promise.resolve(value);
}

function syncError(errorCode: ErrorCode): SyncGroupResult {
  return { errorCode, assignment: NO_BYTES };
}

function settingsOf(req: JoinGroupRequest): MemberSettings {
  const { groupInstanceId, clientId, clientHost, sessionTimeoutMs, rebalanceTimeoutMs } = req;
  const { protocolType, protocols } = req;
  return {
    groupInstanceId,
    clientId,
    clientHost,
    sessionTimeoutMs,
    rebalanceTimeoutMs,
    protocolType,
    protocols,
  };
}

/**
 * One consumer group and its rebalance protocol, after Kafka's classic GroupCoordinator:
 *
 * - Empty -> PreparingRebalance when a member joins. JoinGroup requests park until every known
 *   member has rejoined (or the largest rebalance timeout passes; stragglers are removed).
 *   A new group first waits `initialRebalanceDelayMs`, once more for each new arrival.
 * - PreparingRebalance -> CompletingRebalance: the generation advances, a protocol every member
 *   supports is chosen, and all parked joins are answered; only the leader gets the members.
 * - CompletingRebalance -> Stable once the leader's SyncGroup assignment is stored; parked
 *   SyncGroups are then answered, each with its own member's assignment.
 * - A join with new metadata, a leave or a session expiry starts the next rebalance; members
 *   learn of it from REBALANCE_IN_PROGRESS in their heartbeats.
 */
export class ConsumerGroup {
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** The settled state last handed to the journal; snapshots copy it. */
  stored: StoredGroup | null = null;
  private currentState: GroupState = 'Empty';
  private readonly members = new Map<string, GroupMember>();
  /** Ids handed out with MEMBER_ID_REQUIRED, valid until their session timeout. */
  private readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  private readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  private joinTimer: NodeJS.Timeout | null = null;
  private initialDelay: InitialDelay | null = null;
  private assigningGeneration: number | null = null;

  constructor(
    readonly groupId: string,
    private readonly env: GroupEnvironment,
  ) {}

  get state(): GroupState {
    return this.currentState;
  }

  get memberIds(): string[] {
    return [...this.members.keys()];
  }

  /** Nothing left worth keeping: no members, no members on their way, no offsets. */
  get isDisposable(): boolean {
    return this.state === 'Empty' && this.pendingMembers.size === 0 && this.offsets.size === 0;
  }

  join(req: JoinGroupRequest): Promise<JoinGroupResult> {
    const member = this.members.get(req.memberId);
    const isPending = this.pendingMembers.has(req.memberId);
    if (req.memberId !== '' && !member && !isPending) {
      return settled(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    }
    if (this.state === 'Dead')
      return settled(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId));
    if (!this.acceptsProtocols(req)) {
      return settled(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId));
    }
    if (member) return this.rejoin(member, req);
    if (isPending) return this.addMemberAndRebalance(req.memberId, req);

    // Kafka names members after their client id, which makes DescribeGroups readable.
    const memberId = `${req.clientId}-${randomUUID()}`;
    if (req.requireKnownMemberId) {
      this.addPendingMember(memberId, req.sessionTimeoutMs);
      return settled(joinError(ErrorCode.MEMBER_ID_REQUIRED, memberId));
    }
    return this.addMemberAndRebalance(memberId, req);
  }

  sync(req: SyncGroupRequest): Promise<SyncGroupResult> {
    const member = this.members.get(req.memberId);
    if (!member) return settled(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (req.generationId !== this.generationId)
      return settled(syncError(ErrorCode.ILLEGAL_GENERATION));
    switch (this.state) {
      case 'Empty':
      case 'Dead':
        return settled(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case 'PreparingRebalance':
        return settled(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance': {
        member.touch();
        const synced = member.awaitSync();
        if (member.memberId === this.leaderId) this.storeAssignment(req.assignments);
        return synced;
      }
      case 'Stable':
        member.touch();
        return settled({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    }
  }

  heartbeat(req: HeartbeatRequest): ErrorCode {
    const member = this.members.get(req.memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (req.generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (this.state) {
      case 'Empty':
      case 'Dead':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        member.touch();
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'CompletingRebalance':
      case 'Stable':
        member.touch();
        return ErrorCode.NONE;
    }
  }

  leave(memberId: string): ErrorCode {
    if (this.pendingMembers.has(memberId)) {
      this.removePendingMember(memberId);
      return ErrorCode.NONE;
    }
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMember(member, 'member left the group');
    return ErrorCode.NONE;
  }

  /**
   * Whether an OffsetCommit may be stored, as Kafka decides (GroupCoordinator.doCommitOffsets):
   * an empty group takes commits from anyone without a generation (admin tools, kcat); otherwise
   * only a member of the current generation may commit, also while a rebalance is being
   * prepared, so consumers can commit before they rejoin.
   */
  validateCommit(generationId: number, memberId: string): ErrorCode {
    if (generationId < 0 && this.state === 'Empty') return ErrorCode.NONE;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    member.touch();
    return ErrorCode.NONE;
  }

  setOffsets(offsets: readonly StoredOffset[]): void {
    for (const o of offsets) {
      let partitions = this.offsets.get(o.topic);
      if (!partitions) this.offsets.set(o.topic, (partitions = new Map()));
      partitions.set(o.partition, {
        offset: o.offset,
        metadata: o.metadata,
        commitTimestamp: o.commitTimestamp,
      });
    }
  }

  committedOffset(topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(topic)?.get(partition);
  }

  get hasOffsets(): boolean {
    return this.offsets.size > 0;
  }

  allOffsets(): StoredOffset[] {
    const all: StoredOffset[] = [];
    for (const [topic, partitions] of this.offsets) {
      for (const [partition, o] of partitions) all.push({ topic, partition, ...o });
    }
    return all;
  }

  takeOffsetsFrom(other: ConsumerGroup): void {
    this.setOffsets(other.allOffsets());
  }

  /** DescribeGroups, as Kafka reports it: protocol, metadata and assignments only when Stable. */
  describe(): GroupDescription {
    const stable = this.state === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      state: this.state,
      protocolType: this.protocolType ?? '',
      protocolName: stable ? (this.protocolName ?? '') : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(this.protocolName) : NO_BYTES,
        assignment: stable ? m.assignment : NO_BYTES,
      })),
    };
  }

  /** The group's settled state as the journal stores it. */
  toStored(state: StoredGroup['state'], assignments?: ReadonlyMap<string, Buffer>): StoredGroup {
    const members = state === 'Empty' ? [] : [...this.members.values()];
    return {
      groupId: this.groupId,
      state,
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: state === 'Empty' ? null : this.protocolName,
      leaderId: state === 'Empty' ? null : this.leaderId,
      members: members.map((m) => storeMember(m, assignments?.get(m.memberId) ?? m.assignment)),
    };
  }

  /**
   * Rebuilds a group from its stored state. A group with members comes back Stable in its
   * stored generation, so members that keep heartbeating carry on; their session timers start
   * with `resume()`.
   */
  static restore(stored: StoredGroup, env: GroupEnvironment): ConsumerGroup {
    const group = new ConsumerGroup(stored.groupId, env);
    group.generationId = stored.generationId;
    group.protocolType = stored.protocolType ?? null;
    group.protocolName = stored.protocolName ?? null;
    group.stored = stored;
    for (const s of stored.members) {
      const member = new GroupMember(s.memberId, restoreSettings(s));
      member.assignment = Buffer.from(s.assignment, 'base64');
      group.members.set(s.memberId, member);
    }
    group.leaderId = group.members.has(stored.leaderId ?? '')
      ? stored.leaderId
      : (group.memberIds[0] ?? null);
    group.currentState = group.members.size > 0 ? 'Stable' : 'Empty';
    return group;
  }

  /** Starts the session timers of restored members. */
  resume(): void {
    for (const member of this.members.values()) member.startSessionTimer(() => this.expire(member));
  }

  /** Stops every timer and answers parked requests with `errorCode`; the state stays as it is. */
  shutdown(errorCode: ErrorCode): void {
    this.clearJoinTimer();
    for (const timer of this.pendingMembers.values()) clearTimeout(timer);
    this.pendingMembers.clear();
    for (const member of this.members.values()) member.dismiss(errorCode);
  }

  /**
   * A member may join when it shares the group's protocol type and offers a protocol every
   * other member supports (Kafka's GroupMetadata.supportsProtocols). The member's own earlier
   * protocols do not count: it may change them when it rejoins.
   */
  private acceptsProtocols(req: JoinGroupRequest): boolean {
    const others = [...this.members.values()].filter((m) => m.memberId !== req.memberId);
    if (others.length === 0) return true;
    if (req.protocolType !== others[0].protocolType) return false;
    return req.protocols.some((p) => supportedByAll(p.name, others));
  }

  private rejoin(member: GroupMember, req: JoinGroupRequest): Promise<JoinGroupResult> {
    switch (this.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(member, req, 'member rejoined');
      case 'CompletingRebalance':
        if (!member.offersSameProtocols(req.protocols)) {
          return this.updateMemberAndRebalance(member, req, 'member changed its protocols');
        }
        // A repeated join for the generation just formed (a retry): answer it again.
        member.touch();
        return settled(this.joinResultFor(member));
      case 'Stable':
        if (member.memberId === this.leaderId) {
          return this.updateMemberAndRebalance(member, req, 'leader rejoined');
        }
        if (!member.offersSameProtocols(req.protocols)) {
          return this.updateMemberAndRebalance(member, req, 'member changed its protocols');
        }
        member.touch();
        return settled(this.joinResultFor(member));
      case 'Empty':
      case 'Dead':
        return settled(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    }
  }

  private addMemberAndRebalance(memberId: string, req: JoinGroupRequest): Promise<JoinGroupResult> {
    // Quietly: the rebalance must not be judged complete before this member is counted.
    this.clearPendingMember(memberId);
    const member = new GroupMember(memberId, settingsOf(req));
    this.members.set(memberId, member);
    if (this.members.size === 1) this.protocolType = req.protocolType;
    this.leaderId ??= memberId;
    if (this.initialDelay) this.initialDelay.newMemberAdded = true;
    const joined = member.awaitJoin();
    this.maybePrepareRebalance('member joined');
    return joined;
  }

  private updateMemberAndRebalance(
    member: GroupMember,
    req: JoinGroupRequest,
    reason: string,
  ): Promise<JoinGroupResult> {
    member.update(settingsOf(req));
    if (this.members.size === 1) this.protocolType = req.protocolType;
    const joined = member.awaitJoin();
    this.maybePrepareRebalance(reason);
    return joined;
  }

  private addPendingMember(memberId: string, sessionTimeoutMs: number): void {
    const expire = (): void => {
      this.pendingMembers.delete(memberId);
      this.afterPendingMemberGone();
    };
    this.pendingMembers.set(memberId, setTimeout(expire, sessionTimeoutMs).unref());
  }

  private removePendingMember(memberId: string): void {
    if (this.clearPendingMember(memberId)) this.afterPendingMemberGone();
  }

  private clearPendingMember(memberId: string): boolean {
    const timer = this.pendingMembers.get(memberId);
    if (!timer) return false;
    clearTimeout(timer);
    return this.pendingMembers.delete(memberId);
  }

  private afterPendingMemberGone(): void {
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
    else if (this.state === 'Empty') this.env.emptied(this);
  }

  private maybePrepareRebalance(reason: string): void {
    switch (this.state) {
      case 'Empty':
      case 'Stable':
      case 'CompletingRebalance':
        this.prepareRebalance(reason);
        return;
      case 'PreparingRebalance':
        this.tryCompleteJoin();
        return;
      case 'Dead':
        return;
    }
  }

  private prepareRebalance(reason: string): void {
    if (this.state === 'CompletingRebalance')
      this.resetAssignments(ErrorCode.REBALANCE_IN_PROGRESS);
    const wasEmpty = this.state === 'Empty';
    this.currentState = 'PreparingRebalance';
    this.env.log.info('preparing rebalance', {
      groupId: this.groupId,
      generationId: this.generationId,
      members: this.members.size,
      reason,
    });

    const timeoutMs = this.rebalanceTimeoutMs();
    const delayMs = this.env.initialRebalanceDelayMs;
    if (wasEmpty && delayMs > 0) {
      this.initialDelay = { remainingMs: Math.max(timeoutMs - delayMs, 0), newMemberAdded: false };
      this.startJoinTimer(Math.min(delayMs, timeoutMs), () => this.onInitialDelayElapsed());
      return;
    }
    this.startJoinTimer(timeoutMs, () => this.completeJoin());
    this.tryCompleteJoin();
  }

  /**
   * Kafka's InitialDelayedJoin: while members keep arriving, wait another delay, within the
   * rebalance timeout. Then complete as soon as everyone (including members that were just
   * handed an id) has joined.
   */
  private onInitialDelayElapsed(): void {
    const delay = this.initialDelay;
    if (!delay || delay.remainingMs === 0) {
      this.completeJoin();
      return;
    }
    if (delay.newMemberAdded) {
      const nextMs = Math.min(this.env.initialRebalanceDelayMs, delay.remainingMs);
      this.initialDelay = { remainingMs: delay.remainingMs - nextMs, newMemberAdded: false };
      this.startJoinTimer(nextMs, () => this.onInitialDelayElapsed());
      return;
    }
    this.initialDelay = null;
    this.startJoinTimer(delay.remainingMs, () => this.completeJoin());
    this.tryCompleteJoin();
  }

  private tryCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.initialDelay) return;
    if (this.pendingMembers.size > 0) return;
    for (const member of this.members.values()) if (!member.isAwaitingJoin) return;
    this.completeJoin();
  }

  private completeJoin(): void {
    this.clearJoinTimer();
    this.initialDelay = null;
    for (const member of [...this.members.values()]) {
      if (!member.isAwaitingJoin) this.dropMember(member, 'member did not rejoin in time');
    }
    if (this.leaderId === null || !this.members.has(this.leaderId))
      this.leaderId = this.memberIds[0] ?? null;
    this.generationId += 1;
    if (this.members.size === 0) {
      this.becomeEmpty();
      return;
    }

    const protocolName = selectProtocol([...this.members.values()]);
    if (protocolName === null) {
      // Unreachable while joins are checked against the other members' protocols.
      for (const member of [...this.members.values()]) {
        member.dismiss(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        this.members.delete(member.memberId);
      }
      this.becomeEmpty();
      return;
    }
    this.protocolName = protocolName;
    this.protocolType = this.members.values().next().value?.protocolType ?? this.protocolType;
    this.currentState = 'CompletingRebalance';
    this.env.log.info('rebalance completed', {
      groupId: this.groupId,
      generationId: this.generationId,
      members: this.members.size,
      protocol: protocolName,
    });
    for (const member of this.members.values()) {
      member.completeJoin(this.joinResultFor(member));
      member.startSessionTimer(() => this.expire(member));
    }
  }

  private becomeEmpty(): void {
    this.currentState = 'Empty';
    this.protocolName = null;
    this.leaderId = null;
    this.env.log.info('group is empty', { groupId: this.groupId, generationId: this.generationId });
    this.env.emptied(this);
  }

  private joinResultFor(member: GroupMember): JoinGroupResult {
    const isLeader = member.memberId === this.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolName: this.protocolName ?? '',
      leaderId: this.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...this.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.metadataFor(this.protocolName),
          }))
        : [],
    };
  }

  /**
   * Stores the leader's assignment before anyone sees it (Kafka's storeGroup), so a restarted
   * broker hands out the same one. Members missing from it get an empty assignment.
   */
  private storeAssignment(assignments: readonly MemberAssignment[]): void {
    const generation = this.generationId;
    if (this.assigningGeneration === generation) return;
    this.assigningGeneration = generation;
    const byMember = new Map<string, Buffer>();
    for (const a of assignments)
      if (this.members.has(a.memberId)) byMember.set(a.memberId, a.assignment);
    void this.env.store(this, this.toStored('Stable', byMember)).then(
      () => this.applyAssignment(generation, byMember),
      (err: Error) => this.rejectAssignment(generation, err),
    );
  }

  private applyAssignment(generation: number, byMember: ReadonlyMap<string, Buffer>): void {
    if (this.assigningGeneration === generation) this.assigningGeneration = null;
    if (this.state !== 'CompletingRebalance' || this.generationId !== generation) return;
    for (const member of this.members.values())
      member.assignment = byMember.get(member.memberId) ?? NO_BYTES;
    this.currentState = 'Stable';
    this.env.log.info('group is stable', {
      groupId: this.groupId,
      generationId: this.generationId,
      members: this.members.size,
    });
    for (const member of this.members.values()) {
      member.completeSync({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    }
  }

  private rejectAssignment(generation: number, err: Error): void {
    if (this.assigningGeneration === generation) this.assigningGeneration = null;
    this.env.log.error('could not store the group assignment', {
      groupId: this.groupId,
      generationId: generation,
      error: err,
    });
    if (this.state !== 'CompletingRebalance' || this.generationId !== generation) return;
    this.resetAssignments(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    this.prepareRebalance('assignment could not be stored');
  }

  private resetAssignments(errorCode: ErrorCode): void {
    for (const member of this.members.values()) {
      member.assignment = NO_BYTES;
      member.completeSync(syncError(errorCode));
    }
  }

  private expire(member: GroupMember): void {
    if (this.members.get(member.memberId) !== member) return;
    this.removeMember(member, 'session timeout expired');
  }

  private removeMember(member: GroupMember, reason: string): void {
    this.dropMember(member, reason);
    this.maybePrepareRebalance(reason);
  }

  /** Removes a member without starting a rebalance; any request it has parked is refused. */
  private dropMember(member: GroupMember, reason: string): void {
    member.dismiss(ErrorCode.UNKNOWN_MEMBER_ID);
    this.members.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = this.memberIds[0] ?? null;
    this.env.log.info('member removed', {
      groupId: this.groupId,
      memberId: member.memberId,
      reason,
    });
  }

  private rebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  private startJoinTimer(ms: number, onElapsed: () => void): void {
    this.clearJoinTimer();
    this.joinTimer = setTimeout(onElapsed, ms).unref();
  }

  private clearJoinTimer(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
  }
}

function storeMember(member: GroupMember, assignment: Buffer): StoredMember {
  return {
    memberId: member.memberId,
    groupInstanceId: member.groupInstanceId,
    clientId: member.clientId,
    clientHost: member.clientHost,
    sessionTimeoutMs: member.sessionTimeoutMs,
    rebalanceTimeoutMs: member.rebalanceTimeoutMs,
    protocolType: member.protocolType,
    protocols: member.protocols.map((p) => ({
      name: p.name,
      metadata: p.metadata.toString('base64'),
    })),
    assignment: assignment.toString('base64'),
  };
}

function restoreSettings(s: StoredMember): MemberSettings {
  return {
    groupInstanceId: s.groupInstanceId ?? null,
    clientId: s.clientId ?? '',
    clientHost: s.clientHost ?? '',
    sessionTimeoutMs: s.sessionTimeoutMs,
    rebalanceTimeoutMs: s.rebalanceTimeoutMs,
    protocolType: s.protocolType ?? '',
    protocols: s.protocols.map((p) => ({
      name: p.name,
      metadata: Buffer.from(p.metadata, 'base64'),
    })),
  };
}
