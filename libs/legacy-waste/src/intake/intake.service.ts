import { JoinedUpEvent } from '@joinedup/contracts';
import { createLogger } from '@joinedup/logging';
import { CouncilRegistry } from '../council/council-registry';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { RecordMapper } from '../mapping/record-mapper';
import { createSourceParser } from '../parsing/source-parser.factory';
import { EventSink } from './event-sink.port';
import { IntakeRun } from './intake-run';
import { spool } from './spooled-input';
import { IntakeInput, IntakeOptions, IntakeSummary } from './intake.types';
import { ProcessedFileStore } from './processed-file-store.port';
import { rejectionOf, RejectionOrigin } from './rejection-drafts';
import { NewRejection, RejectionStore } from './rejection-store.port';

export interface IntakeServiceOptions {
  /** Events per sink.publish call. Default 1000. */
  batchSize?: number;
  /**
   * Batches sent and not yet acknowledged, at most. Default 4. Events of one file may then
   * reach the broker out of order if a batch is retried; 1 keeps strict file order.
   */
  maxInFlight?: number;
  /** Least time between two progress reports. Default 250 ms. */
  progressEveryMs?: number;
  /**
   * Where to copy an input given without its content hash (an upload) before reading it, so
   * that a repeat is recognised before anything is published. Without it the hash is computed
   * while reading, and a repeated upload is published again (harmless downstream, which drops
   * known event ids, but not free).
   */
  spoolDir?: string;
  now?: () => Date;
}

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_MAX_IN_FLIGHT = 4;
const DEFAULT_PROGRESS_EVERY_MS = 250;

/**
 * Takes in one legacy file: parses it as its council feed says, turns each record into a
 * contract event or a stored rejection, and sends the events to the EventSink in batches
 * while the next batches are being read (a few batches in flight, so memory stays bounded). Event ids come from the content, so the same record always gives the same event;
 * a repeated record within a file is sent once; a file whose bytes were processed before is
 * not read again. A file that cannot be read at all throws FILE_UNREADABLE; events of the
 * batches before the failure have been sent by then, and sending them again is harmless.
 */
export class IntakeService {
  private readonly log = createLogger(IntakeService.name);
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly progressEveryMs: number;
  private readonly now: () => Date;
  private readonly spoolDir: string | undefined;

  constructor(
    private readonly councils: CouncilRegistry,
    private readonly sink: EventSink,
    private readonly rejections: RejectionStore,
    private readonly processedFiles: ProcessedFileStore,
    options: IntakeServiceOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.progressEveryMs = options.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS;
    this.now = options.now ?? (() => new Date());
    this.spoolDir = options.spoolDir;
  }

  async intake(input: IntakeInput, options: IntakeOptions = {}): Promise<IntakeSummary> {
    if (input.contentHash !== undefined || this.spoolDir === undefined) {
      return this.intakeOnce(input, options);
    }
    const spooled = await spool(input.source, this.spoolDir);
    try {
      return await this.intakeOnce(
        {
          ...input,
          source: spooled.open(),
          contentHash: spooled.contentHash,
          totalBytes: spooled.size,
        },
        options,
      );
    } finally {
      await spooled.remove();
    }
  }

  private async intakeOnce(input: IntakeInput, options: IntakeOptions): Promise<IntakeSummary> {
    const mapper = this.councils.mapper(input.council, input.feed);
    const startedAt = this.now();
    const context = { council: input.council, feed: input.feed, file: input.fileName };
    if (input.contentHash !== undefined && options.force !== true) {
      const earlier = await this.findProcessed(input.contentHash);
      if (earlier !== undefined) {
        this.log.info('file already processed', { ...context, processedAt: earlier.processedAt });
        return alreadyProcessed(input, input.contentHash, startedAt, this.now());
      }
    }
    this.log.info('intake started', { ...context, correlationId: input.correlationId });
    const run = new IntakeRun(input, options, startedAt, {
      batchSize: this.batchSize,
      maxInFlight: this.maxInFlight,
      progressEveryMs: this.progressEveryMs,
      publish: (events) => this.publish(events, context),
      storeRejections: (rejections) => this.storeRejections(rejections),
    });
    const parser = createSourceParser(mapper);
    let bound: { columns: readonly string[]; mapper: RecordMapper } | undefined;
    try {
      for await (const chunk of parser.parse(run.bytes(), input.fileName)) {
        if (bound?.columns !== chunk.columns) {
          bound = { columns: chunk.columns, mapper: mapper.bind(chunk.columns) };
        }
        for (const problem of chunk.problems) {
          if (run.reject(rejectionOf(context, problem))) await run.flush();
        }
        for (const record of chunk.records) {
          const result = bound.mapper.map(record, startedAt);
          const full = result.ok
            ? run.accept(result.event)
            : run.reject(rejectionOf(context, result));
          if (full) await run.flush();
        }
        run.reportProgress(false);
      }
      await run.finish();
    } catch (err) {
      await run.abandon();
      this.log.warn('intake failed', { ...context, code: (err as LegacyWasteError).code });
      throw err;
    }
    const summary = await this.complete(run, input, startedAt);
    this.log.info('intake finished', { ...context, ...countsOf(summary) });
    return summary;
  }

  private async complete(run: IntakeRun, input: IntakeInput, startedAt: Date) {
    const contentHash = input.contentHash ?? run.contentHash();
    const earlier =
      input.contentHash === undefined ? await this.findProcessed(contentHash) : undefined;
    const summary: IntakeSummary = {
      council: input.council,
      feed: input.feed,
      file: input.fileName,
      contentHash,
      alreadyProcessed: earlier !== undefined,
      ...run.counts,
      startedAt,
      finishedAt: this.now(),
    };
    await this.store('record processed file', () =>
      this.processedFiles.record({
        contentHash,
        council: input.council,
        feed: input.feed,
        file: input.fileName,
        events: summary.events,
        rejections: summary.rejections,
        processedAt: summary.finishedAt,
      }),
    );
    return summary;
  }

  private findProcessed(contentHash: string) {
    return this.store('find processed file', () => this.processedFiles.find(contentHash));
  }

  /** Sends a batch; failures come out as PUBLISH_FAILED, retriable as the cause says. */
  private publish(events: JoinedUpEvent[], origin: RejectionOrigin): Promise<void> {
    const count = events.length;
    return this.sink.publish(events).catch((err: unknown) => {
      const retriable = (err as { retriable?: boolean }).retriable;
      throw new LegacyWasteError(
        'PUBLISH_FAILED',
        `publishing ${count} events of ${origin.file} failed: ${(err as Error).message}`,
        { ...origin, events: count },
        { cause: err, retriable: retriable ?? true },
      );
    });
  }

  private async storeRejections(rejections: NewRejection[]): Promise<void> {
    await this.store('store rejections', () => this.rejections.add(rejections));
  }

  private async store<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const retriable = (err as { retriable?: boolean }).retriable ?? false;
      throw new LegacyWasteError(
        'STORE_FAILED',
        `${operation} failed: ${(err as Error).message}`,
        { operation },
        {
          cause: err,
          retriable,
        },
      );
    }
  }
}

function alreadyProcessed(
  input: IntakeInput,
  contentHash: string,
  startedAt: Date,
  finishedAt: Date,
): IntakeSummary {
  return {
    council: input.council,
    feed: input.feed,
    file: input.fileName,
    contentHash,
    alreadyProcessed: true,
    recordsRead: 0,
    bytesRead: 0,
    events: 0,
    eventsByType: {},
    rejections: 0,
    duplicatesSkipped: 0,
    startedAt,
    finishedAt,
  };
}

function countsOf(summary: IntakeSummary) {
  const { recordsRead, bytesRead, events, rejections, duplicatesSkipped } = summary;
  return { recordsRead, bytesRead, events, rejections, duplicatesSkipped };
}
