import { CliIo, writeLine } from '../cli-io';
import { EventRejectedError } from '../errors/event-rejected.error';
import { KafkaGateway } from '../kafka/kafka-gateway';
import { EncodedEvent, EventEncoder } from './event-encoder';
import { formatLocation, readEventFile, SourceLocation } from './event-file-reader';
import { ProgressLine } from './progress-line';

export interface FileTally {
  published: number;
  rejected: number;
}

interface PendingEvent {
  at: SourceLocation;
  event: EncodedEvent;
}

/**
 * Events produced per request: enough to spread the cost of acks from all replicas over many
 * events, few enough that a stop part-way through a large file leaves little unreported.
 */
const BATCH_SIZE = 500;

/**
 * Publishes the events of one file after another: each readable, valid event is produced and
 * reported with where it was written; each bad one is reported with its file, line and fields
 * and skipped. A CliError (Kafka or the registry unreachable) stops everything.
 */
export class FilePublisher {
  constructor(
    private readonly encoder: EventEncoder,
    private readonly gateway: KafkaGateway,
    private readonly io: CliIo,
    private readonly progress: ProgressLine,
  ) {}

  async publishFile(file: string): Promise<FileTally> {
    const tally: FileTally = { published: 0, rejected: 0 };
    let batch: PendingEvent[] = [];
    try {
      for await (const entry of readEventFile(file)) {
        if (entry.kind === 'unreadable') {
          await this.reject(tally, entry.at, entry.reason);
        } else {
          const event = await this.encode(tally, entry.at, entry.json as Record<string, unknown>);
          if (event) batch.push({ at: entry.at, event });
        }
        if (batch.length >= BATCH_SIZE) {
          await this.produce(tally, batch);
          batch = [];
        }
        this.showProgress(file, tally, batch.length);
      }
      await this.produce(tally, batch);
    } catch (err) {
      this.progress.clear();
      await writeLine(this.io.out, `${summaryLine(file, tally)}; stopped before the end`);
      throw err;
    }
    this.progress.clear();
    await writeLine(this.io.out, summaryLine(file, tally));
    return tally;
  }

  private async encode(
    tally: FileTally,
    at: SourceLocation,
    json: Record<string, unknown>,
  ): Promise<EncodedEvent | undefined> {
    try {
      return await this.encoder.encode(json);
    } catch (err) {
      if (!(err instanceof EventRejectedError)) throw err;
      const eventType = typeof json.eventType === 'string' ? ` ${json.eventType}` : '';
      await this.reject(tally, at, err.message, eventType);
      return undefined;
    }
  }

  private async produce(tally: FileTally, batch: readonly PendingEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const deliveries = await this.gateway.publish(batch.map(({ event }) => event.record));
    this.progress.clear();
    for (const [index, { at, event }] of batch.entries()) {
      const { topic, partition, offset } = deliveries[index];
      tally.published++;
      await writeLine(
        this.io.out,
        `published ${formatLocation(at)} ${event.eventType} ${event.eventId} ` +
          `to ${topic} partition ${partition} offset ${offset}`,
      );
    }
  }

  private async reject(
    tally: FileTally,
    at: SourceLocation,
    reason: string,
    eventType = '',
  ): Promise<void> {
    tally.rejected++;
    this.progress.clear();
    await writeLine(this.io.err, `rejected ${formatLocation(at)}${eventType}: ${reason}`);
  }

  private showProgress(file: string, tally: FileTally, pending: number): void {
    const read = tally.published + pending + tally.rejected;
    this.progress.update(
      `${file}: ${read} read, ${tally.published} published, ${tally.rejected} rejected`,
    );
  }
}

function summaryLine(file: string, tally: FileTally): string {
  return `${file}: published ${tally.published}, rejected ${tally.rejected}`;
}
