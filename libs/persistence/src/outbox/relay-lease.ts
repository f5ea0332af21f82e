import { StatementResult } from '../unit-of-work/transaction-context';

export type { StatementResult };

/**
 * The right to publish from one database's outbox. At most one relay holds it at a time, so
 * batches are never published concurrently or out of order; the holder runs its outbox
 * statements through it.
 */
export interface RelayLease {
  readonly held: boolean;
  /** Takes the lease if no other relay holds it; true when this relay holds it afterwards. */
  acquire(): Promise<boolean>;
  /** Runs one outbox statement; only while the lease is held. */
  execute(sql: string, params: unknown[]): Promise<StatementResult>;
  release(): Promise<void>;
}
