import * as fs from 'fs';
import { createLogger } from '@joinedup/logging';
import { SyncableFile } from './syncable-file';

/** Something with written data to make durable: a partition log. */
export interface FlushTarget {
  /** Takes what was written since the last call; undefined when nothing was. */
  beginFlush(): FlushWork | undefined;
}

export interface FlushWork {
  /** The target's append sequence number this work covers. */
  seq: number;
  files: SyncableFile[];
  /** Directories whose entries changed (new segment files). */
  dirs: string[];
  /** Called once, after every fsync of this work settled. */
  finish(error: Error | undefined): void;
}

interface Cycle {
  done: Promise<void>;
  resolve: () => void;
  /** Append sequence covered per target, filled when the cycle starts. */
  covered: Map<FlushTarget, number>;
}

function newCycle(): Cycle {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  return { done, resolve, covered: new Map() };
}

/**
 * Group commit for every partition of a log manager. One flush cycle at a time fsyncs every
 * dirty file with async fs.fsync, so the event loop keeps serving requests. Whoever asks for
 * durability while a cycle runs joins the next cycle, which starts as soon as the running one
 * ends and is shared by all of them, across partitions: n concurrent acks=-1 produces cost
 * about two fsync rounds, not n. Dirty files are also flushed every intervalMs.
 */
export class Flusher {
  private readonly log = createLogger('Flusher');
  private readonly dirty = new Set<FlushTarget>();
  private running: Cycle | null = null;
  private pending: Cycle | null = null;
  private readonly timer: NodeJS.Timeout | undefined;
  private fsyncs = 0;
  private cycles = 0;

  constructor(intervalMs: number) {
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.flushInBackground(), intervalMs);
      this.timer.unref();
    }
  }

  /** fsync calls made so far, files and directories. */
  get fsyncCount(): number {
    return this.fsyncs;
  }

  /** Flush cycles run so far. */
  get cycleCount(): number {
    return this.cycles;
  }

  markDirty(target: FlushTarget): void {
    this.dirty.add(target);
  }

  forget(target: FlushTarget): void {
    this.dirty.delete(target);
  }

  /**
   * Resolves after a cycle covering the target's append number `seq`: the running cycle when
   * it already does, else the next one. Never rejects; the target records fsync failures.
   */
  waitFor(target: FlushTarget, seq: number): Promise<void> {
    const running = this.running;
    if (running && (running.covered.get(target) ?? -1) >= seq) return running.done;
    return this.requestCycle();
  }

  /** Resolves after a cycle that starts after this call. */
  requestCycle(): Promise<void> {
    if (!this.pending) {
      this.pending = newCycle();
      // Starting on the next turn lets every append of the current turn join this cycle.
      if (!this.running) setImmediate(() => this.startPending());
    }
    return this.pending.done;
  }

  /** Stops the background timer and flushes whatever is dirty. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.running) await this.running.done;
    if (this.pending) await this.pending.done;
    if (this.dirty.size > 0) await this.requestCycle();
  }

  private flushInBackground(): void {
    if (this.dirty.size > 0 && !this.running && !this.pending) void this.requestCycle();
  }

  private startPending(): void {
    const cycle = this.pending;
    if (this.running || !cycle) return;
    this.pending = null;
    this.running = cycle;
    void this.run(cycle).then(() => {
      this.running = null;
      cycle.resolve();
      if (this.pending) this.startPending();
    });
  }

  private async run(cycle: Cycle): Promise<void> {
    this.cycles++;
    const works: FlushWork[] = [];
    for (const target of this.dirty) {
      const work = target.beginFlush();
      if (!work) continue;
      works.push(work);
      cycle.covered.set(target, work.seq);
    }
    this.dirty.clear();
    await Promise.all(works.map((work) => this.perform(work)));
  }

  private async perform(work: FlushWork): Promise<void> {
    let error: Error | undefined;
    try {
      await Promise.all([
        ...work.files.map((file) => this.fsyncFile(file)),
        ...work.dirs.map((dir) => this.fsyncDir(dir)),
      ]);
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
    }
    try {
      work.finish(error);
    } catch (err) {
      this.log.error('flush completion failed', { error: err });
    }
  }

  private fsyncFile(file: SyncableFile): Promise<void> {
    this.fsyncs++;
    return file.fsync();
  }

  private async fsyncDir(dir: string): Promise<void> {
    this.fsyncs++;
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
