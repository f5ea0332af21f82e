import { createLogger } from '@joinedup/logging';
import { DataSource } from 'typeorm';
import { databaseKindOf } from '../database/database-kind';
import { PersistenceError } from '../errors/persistence.error';
import { SerialQueue } from '../util/serial-queue';
import { Backoff } from './backoff';
import { OutboxMessage } from './outbox-message';
import {
  OutboxRelayOptions,
  ResolvedRelayOptions,
  resolveRelayOptions,
} from './outbox-relay-options';
import { OutboxTable } from './outbox-table';
import { PostgresRelayLease } from './postgres-relay.lease';
import { PublishFailure } from './publish-failure';
import { RelayLease } from './relay-lease';
import { SqliteRelayLease } from './sqlite-relay.lease';
import { WakeSignal } from './wake-signal';

/** Sent rows are pruned at most this often, whatever their age limit. */
const PRUNE_EVERY_MS = 60_000;

interface Pause {
  ms: number;
  /** Whether notify() may end the pause early; not while backing off from a failure. */
  notifiable: boolean;
}

/**
 * Publishes the outbox in sequence order: reads a batch of unsent messages, hands it to
 * `publish`, and marks it sent only once `publish` has resolved. A crash in between publishes
 * the batch again (at least once; consumers drop duplicates by event id) and never loses or
 * reorders a message. One relay per database publishes at a time; others stand by.
 */
export class OutboxRelay {
  private readonly log = createLogger('OutboxRelay');
  private readonly opts: ResolvedRelayOptions;
  private readonly lease: RelayLease;
  private readonly table: OutboxTable;
  private readonly signal = new WakeSignal();
  private readonly backoff: Backoff;
  /** Lease and table work, one step at a time, shared by the loop and drain(). */
  private readonly steps = new SerialQueue();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private lastPruneAt = 0;

  constructor(
    ds: DataSource,
    private readonly publish: (messages: OutboxMessage[]) => Promise<void>,
    opts: OutboxRelayOptions = {},
  ) {
    this.opts = resolveRelayOptions(opts);
    const kind = databaseKindOf(ds);
    this.lease = kind === 'postgres' ? new PostgresRelayLease(ds) : new SqliteRelayLease(ds);
    this.table = new OutboxTable(kind);
    this.backoff = new Backoff(this.opts.retryInitialMs, this.opts.retryMaxMs);
  }

  /** Whether this relay holds the database's relay lease, i.e. is the one publishing. */
  get active(): boolean {
    return this.lease.held;
  }

  /** Starts publishing in the background; does nothing if already started. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.signal.restart();
    this.loop = this.runLoop().finally(() => {
      this.loop = undefined;
    });
  }

  /** Stops after the batch in flight, if any, is published and marked; frees the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.stop();
    await this.loop;
    await this.steps.run(() => this.lease.release());
  }

  /** Looks for new messages now rather than at the next poll: call after a commit. */
  notify(): void {
    this.signal.notify();
  }

  /**
   * Publishes every message pending when called and returns how many this call published.
   * Throws what `publish` threw, or RELAY_LOCK_HELD while another relay is publishing.
   */
  async drain(): Promise<number> {
    let total = 0;
    try {
      const last = await this.steps.run(async () => {
        await this.requireLease();
        return this.table.lastPending(this.lease);
      });
      if (last === undefined) return 0;
      for (;;) {
        const published = await this.steps.run(async () => {
          await this.requireLease();
          return this.publishBatch(last);
        });
        total += published;
        if (published < this.opts.batchSize) return total;
      }
    } catch (err) {
      throw err instanceof PublishFailure ? err.cause : err;
    } finally {
      if (!this.loop) await this.steps.run(() => this.lease.release());
    }
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      const pause = await this.step();
      if (pause.ms > 0) await this.signal.sleep(pause.ms, pause.notifiable);
    }
  }

  private async step(): Promise<Pause> {
    try {
      const published = await this.steps.run(() => this.leadAndPublish());
      this.backoff.reset();
      if (published === undefined) return { ms: this.opts.pollIntervalMs, notifiable: false };
      if (published === this.opts.batchSize) return { ms: 0, notifiable: true };
      return { ms: this.opts.pollIntervalMs, notifiable: true };
    } catch (err) {
      const ms = this.backoff.next();
      this.logFailure(err, ms);
      return { ms, notifiable: false };
    }
  }

  /** One batch if this relay holds or can take the lease; undefined while another holds it. */
  private async leadAndPublish(): Promise<number | undefined> {
    if (!(await this.lease.acquire())) return undefined;
    const published = await this.publishBatch(Number.MAX_SAFE_INTEGER);
    await this.pruneIfDue();
    return published;
  }

  private async publishBatch(upTo: number): Promise<number> {
    const batch = await this.table.pending(this.lease, this.opts.batchSize, upTo);
    if (batch.length === 0) return 0;
    const firstSequence = batch[0].sequence;

    try {
      await this.publish(batch.map((pending) => pending.message));
    } catch (err) {
      throw new PublishFailure(firstSequence, batch.length, err);
    }

    const sequences = batch.map((pending) => pending.sequence);
    const marked = await this.table.markSent(this.lease, sequences);
    if (marked !== batch.length) {
      // Only a second relay publishing from the same database could have marked them.
      this.log.warn('outbox rows were already marked sent', {
        firstSequence,
        count: batch.length,
        marked,
      });
    }
    return batch.length;
  }

  private async requireLease(): Promise<void> {
    if (await this.lease.acquire()) return;
    throw new PersistenceError(
      'RELAY_LOCK_HELD',
      'another outbox relay is publishing from this database; drain there, or stop it first',
      { operation: 'drain outbox' },
    );
  }

  private async pruneIfDue(): Promise<void> {
    const age = this.opts.pruneSentAfterMs;
    if (age === undefined) return;
    const now = Date.now();
    if (now - this.lastPruneAt < Math.min(age, PRUNE_EVERY_MS)) return;
    this.lastPruneAt = now;
    const pruned = await this.table.pruneSent(this.lease, age);
    if (pruned > 0) this.log.debug('pruned sent outbox rows', { pruned, olderThanMs: age });
  }

  private logFailure(err: unknown, retryInMs: number): void {
    const attempt = this.backoff.attempts;
    if (err instanceof PublishFailure) {
      this.log.warn('outbox publish failed; retrying the same batch', {
        firstSequence: err.firstSequence,
        count: err.count,
        attempt,
        retryInMs,
        error: err.cause,
      });
      return;
    }
    const code = err instanceof PersistenceError ? err.code : undefined;
    this.log.warn('outbox relay database access failed; retrying', {
      code,
      attempt,
      retryInMs,
      error: err,
    });
  }
}
