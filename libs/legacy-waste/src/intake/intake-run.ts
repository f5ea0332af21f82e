import { createHash, Hash } from 'node:crypto';
import { JoinedUpEvent } from '@joinedup/contracts';
import { SeenIdSet } from '../mapping/seen-id.set';
import { IntakeInput, IntakeOptions, IntakeProgress } from './intake.types';
import { NewRejection } from './rejection-store.port';

/** What a run needs from the service that starts it. */
export interface IntakeRunDependencies {
  batchSize: number;
  /** Batches handed to the sink and not yet acknowledged, at most. */
  maxInFlight: number;
  progressEveryMs: number;
  publish(events: JoinedUpEvent[]): Promise<void>;
  storeRejections(rejections: NewRejection[]): Promise<void>;
}

const REJECTION_BATCH_SIZE = 500;

/** The state of one file's intake: counters, the batch being filled, the one in flight. */
export class IntakeRun {
  private readonly hash: Hash = createHash('sha256');
  private readonly seen = new SeenIdSet();
  private batch: JoinedUpEvent[] = [];
  private pendingRejections: NewRejection[] = [];
  private readonly inFlight: Array<Promise<void>> = [];
  private lastProgress = 0;
  readonly counts = {
    recordsRead: 0,
    bytesRead: 0,
    events: 0,
    eventsByType: {} as Record<string, number>,
    rejections: 0,
    duplicatesSkipped: 0,
  };

  constructor(
    private readonly input: IntakeInput,
    private readonly options: IntakeOptions,
    startedAt: Date,
    private readonly deps: IntakeRunDependencies,
  ) {
    this.lastProgress = startedAt.getTime();
  }

  async *bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of this.input.source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      this.counts.bytesRead += bytes.length;
      this.hash.update(bytes);
      yield bytes;
    }
  }

  contentHash(): string {
    return this.hash.digest('hex');
  }

  /** Adds an event to the batch; true when a batch is full and flush() should be awaited. */
  accept(event: JoinedUpEvent): boolean {
    this.counts.recordsRead += 1;
    if (!this.seen.add(event.eventId)) {
      this.counts.duplicatesSkipped += 1;
      return false;
    }
    this.batch.push(event);
    return this.batch.length >= this.deps.batchSize;
  }

  /** Keeps a rejection to store; true when enough are kept that flush() should be awaited. */
  reject(rejection: NewRejection): boolean {
    this.counts.recordsRead += 1;
    this.counts.rejections += 1;
    this.pendingRejections.push(rejection);
    return this.pendingRejections.length >= REJECTION_BATCH_SIZE;
  }

  /** Sends a full batch and stores kept rejections once there are enough of them. */
  async flush(): Promise<void> {
    if (this.batch.length >= this.deps.batchSize) await this.sendBatch();
    if (this.pendingRejections.length >= REJECTION_BATCH_SIZE) await this.flushRejections();
  }

  reportProgress(final: boolean): void {
    const onProgress = this.options.onProgress;
    if (onProgress === undefined) return;
    const now = Date.now();
    if (!final && now - this.lastProgress < this.deps.progressEveryMs) return;
    this.lastProgress = now;
    const { recordsRead, bytesRead, events, rejections } = this.counts;
    const progress: IntakeProgress = { recordsRead, bytesRead, events, rejections };
    if (this.input.totalBytes !== undefined) progress.totalBytes = this.input.totalBytes;
    onProgress(progress);
  }

  async finish(): Promise<void> {
    await this.sendBatch();
    while (this.inFlight.length > 0) await this.inFlight.shift();
    await this.flushRejections();
    this.reportProgress(true);
  }

  /** Waits for the batches in flight after a failure, so no publish outlives the intake. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
  }

  /**
   * Hands the current batch to the sink without waiting for it, once fewer than maxInFlight
   * batches are unacknowledged. Several in flight let the broker acknowledge them with one
   * flush to disk; a failure of any of them fails the intake at the next batch.
   */
  private async sendBatch(): Promise<void> {
    while (this.inFlight.length >= this.deps.maxInFlight) await this.inFlight.shift();
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    for (const event of events) {
      this.counts.eventsByType[event.eventType] =
        (this.counts.eventsByType[event.eventType] ?? 0) + 1;
    }
    this.counts.events += events.length;
    const sending = this.deps.publish(events);
    sending.catch(() => undefined);
    this.inFlight.push(sending);
  }

  private async flushRejections(): Promise<void> {
    if (this.pendingRejections.length === 0) return;
    const rejections = this.pendingRejections;
    this.pendingRejections = [];
    await this.deps.storeRejections(rejections);
  }
}
