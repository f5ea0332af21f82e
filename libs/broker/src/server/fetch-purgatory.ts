import type { LogManager, PartitionLog } from '../log';

interface Waiter {
  logs: Set<PartitionLog>;
  wake: () => void;
}

/**
 * Parked fetches. A fetch that found too little data waits here until one of its partitions
 * receives an append or its max wait passes; answering empty at once would make clients spin,
 * and waiting without waking would add their whole max wait to every message's latency.
 */
export class FetchPurgatory {
  private readonly waiters = new Set<Waiter>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(logs: LogManager) {
    this.unsubscribe = logs.onAppend((log) => this.onAppend(log));
  }

  /** Resolves on the first append to any of the logs, after maxWaitMs, or at shutdown. */
  wait(logs: PartitionLog[], maxWaitMs: number): Promise<void> {
    if (this.closed || maxWaitMs <= 0 || logs.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        logs: new Set(logs),
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, maxWaitMs);
      this.waiters.add(waiter);
    });
  }

  get closing(): boolean {
    return this.closed;
  }

  get parked(): number {
    return this.waiters.size;
  }

  /** Answers every parked fetch now, for shutdown. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  private onAppend(log: PartitionLog): void {
    if (this.waiters.size === 0) return;
    for (const waiter of [...this.waiters]) {
      if (waiter.logs.has(log)) waiter.wake();
    }
  }
}
