import { ErrorCode } from '../protocol';
import { GroupProtocol, JoinGroupRequest, JoinGroupResult, SyncGroupResult } from './group-types';

const NO_BYTES = Buffer.alloc(0);

/** The member-specific part of a JoinGroup request. */
export type MemberSettings = Pick<
  JoinGroupRequest,
  | 'groupInstanceId'
  | 'clientId'
  | 'clientHost'
  | 'sessionTimeoutMs'
  | 'rebalanceTimeoutMs'
  | 'protocolType'
  | 'protocols'
>;

export function joinError(errorCode: ErrorCode, memberId: string): JoinGroupResult {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

/**
 * One member of a group: what it offered when it last joined, the assignment it was given, the
 * JoinGroup or SyncGroup response it is parked on, and the timer that expires it when its
 * heartbeats stop.
 */
export class GroupMember {
  assignment: Buffer = NO_BYTES;
  private joinWaiter: ((result: JoinGroupResult) => void) | null = null;
  private syncWaiter: ((result: SyncGroupResult) => void) | null = null;
  private sessionTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly memberId: string,
    private settings: MemberSettings,
  ) {}

  get groupInstanceId(): string | null {
    return this.settings.groupInstanceId;
  }
  get clientId(): string {
    return this.settings.clientId;
  }
  get clientHost(): string {
    return this.settings.clientHost;
  }
  get sessionTimeoutMs(): number {
    return this.settings.sessionTimeoutMs;
  }
  get rebalanceTimeoutMs(): number {
    return this.settings.rebalanceTimeoutMs;
  }
  get protocolType(): string {
    return this.settings.protocolType;
  }
  get protocols(): readonly GroupProtocol[] {
    return this.settings.protocols;
  }

  update(settings: MemberSettings): void {
    this.settings = settings;
  }

  /** True when the member offers exactly these protocols, in this order, with this metadata. */
  offersSameProtocols(protocols: readonly GroupProtocol[]): boolean {
    const mine = this.settings.protocols;
    return (
      mine.length === protocols.length &&
      mine.every((p, i) => p.name === protocols[i].name && p.metadata.equals(protocols[i].metadata))
    );
  }

  metadataFor(protocolName: string | null): Buffer {
    return this.settings.protocols.find((p) => p.name === protocolName)?.metadata ?? NO_BYTES;
  }

  get isAwaitingJoin(): boolean {
    return this.joinWaiter !== null;
  }

  get isAwaitingSync(): boolean {
    return this.syncWaiter !== null;
  }

  /**
   * Parks a JoinGroup until the rebalance completes. A member cannot expire while parked: the
   * rebalance timeout bounds the wait instead, as in Kafka.
   */
  awaitJoin(): Promise<JoinGroupResult> {
    this.completeJoin(joinError(ErrorCode.REBALANCE_IN_PROGRESS, this.memberId));
    this.stopSessionTimer();
    return new Promise((resolve) => (this.joinWaiter = resolve));
  }

  completeJoin(result: JoinGroupResult): void {
    const waiter = this.joinWaiter;
    this.joinWaiter = null;
    waiter?.(result);
  }

  awaitSync(): Promise<SyncGroupResult> {
    this.completeSync({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: NO_BYTES });
    return new Promise((resolve) => (this.syncWaiter = resolve));
  }

  completeSync(result: SyncGroupResult): void {
    const waiter = this.syncWaiter;
    this.syncWaiter = null;
    waiter?.(result);
  }

  /** (Re)starts the session timer; timers are unref'd so they never keep the process alive. */
  startSessionTimer(onExpired: () => void): void {
    this.stopSessionTimer();
    this.sessionTimer = setTimeout(onExpired, this.settings.sessionTimeoutMs).unref();
  }

  /** Records a sign of life (heartbeat, sync, commit): the session restarts from now. */
  touch(): void {
    this.sessionTimer?.refresh();
  }

  stopSessionTimer(): void {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
  }

  /** Answers any parked request with an error and stops the timer: the member is leaving. */
  dismiss(errorCode: ErrorCode): void {
    this.stopSessionTimer();
    this.completeJoin(joinError(errorCode, this.memberId));
    this.completeSync({ errorCode, assignment: NO_BYTES });
  }
}
