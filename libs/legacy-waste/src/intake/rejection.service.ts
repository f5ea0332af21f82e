import { createLogger } from '@joinedup/logging';
import { CouncilRegistry } from '../council/council-registry';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { MapResult } from '../mapping/record-mapper';
import { EventSink } from './event-sink.port';
import { truncate } from './rejection-drafts';
import { RejectionFilter, RejectionStore, StoredRejection } from './rejection-store.port';

/** What a resubmission came to: the event published, or the problem still in the record. */
export type ResubmitOutcome =
  | { resolved: true; eventId: string; rejection: StoredRejection }
  | { resolved: false; rejection: StoredRejection };

/**
 * Lists stored rejections, corrects their records and resubmits them. A corrected record goes
 * through the same mapping and checks as the file it came from; if it now makes an event, the
 * event is published (with the id its natural key gives, so a record already published under
 * that key is recognised downstream) and the rejection is marked resolved with the event id.
 */
export class RejectionService {
  private readonly log = createLogger(RejectionService.name);

  constructor(
    private readonly councils: CouncilRegistry,
    private readonly sink: EventSink,
    private readonly rejections: RejectionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(filter?: RejectionFilter): Promise<StoredRejection[]> {
    return this.rejections.list(filter);
  }

  async get(id: string): Promise<StoredRejection> {
    const rejection = await this.rejections.get(id);
    if (rejection !== undefined) return rejection;
    throw new LegacyWasteError(
      'REJECTION_NOT_FOUND',
      `no rejection has the id ${JSON.stringify(id)}`,
      {
        rejectionId: id,
      },
    );
  }

  /**
   * Replaces source field values of the rejected record (`{ UPRN: '100061915134' }`) and checks
   * the record again, storing the problem it still has, if any. Nothing is published: call
   * resubmit for that.
   */
  async correct(id: string, values: Record<string, string>): Promise<StoredRejection> {
    const rejection = await this.correctable(id);
    const unknown = Object.keys(values).filter((field) => !(field in rejection.record!));
    if (unknown.length > 0) {
      throw new LegacyWasteError(
        'REJECTION_NOT_CORRECTABLE',
        `the record of rejection ${id} has no field ${unknown.map((f) => JSON.stringify(f)).join(', ')}: ` +
          `its fields are ${Object.keys(rejection.record!).join(', ')}`,
        { rejectionId: id },
      );
    }
    const record = { ...rejection.record!, ...values };
    const result = this.check(rejection, record);
    const problem = result.ok
      ? { field: rejection.field, value: rejection.value, reason: 'corrected: ready to resubmit' }
      : { field: result.field, value: truncate(result.value), reason: result.reason };
    await this.rejections.update(id, { record, ...problem });
    this.log.info('rejection corrected', { rejectionId: id, valid: result.ok });
    return this.get(id);
  }

  /** Checks the (corrected) record again and publishes its event if it now makes one. */
  async resubmit(id: string): Promise<ResubmitOutcome> {
    const rejection = await this.correctable(id);
    const result = this.check(rejection, rejection.record!);
    if (!result.ok) {
      const problem = { field: result.field, value: truncate(result.value), reason: result.reason };
      await this.rejections.update(id, { record: rejection.record, ...problem });
      return { resolved: false, rejection: await this.get(id) };
    }
    await this.sink.publish([result.event]);
    await this.rejections.resolve(id, result.event.eventId, this.now());
    this.log.info('rejection resubmitted', { rejectionId: id, eventId: result.event.eventId });
    return { resolved: true, eventId: result.event.eventId, rejection: await this.get(id) };
  }

  private async correctable(id: string): Promise<StoredRejection> {
    const rejection = await this.get(id);
    if (rejection.status === 'RESOLVED') {
      throw new LegacyWasteError(
        'REJECTION_NOT_CORRECTABLE',
        `rejection ${id} was resolved by event ${rejection.eventId}; it cannot be changed again`,
        { rejectionId: id },
      );
    }
    if (rejection.record === null) {
      throw new LegacyWasteError(
        'REJECTION_NOT_CORRECTABLE',
        `rejection ${id} has no record to correct (${rejection.reason}): ask the source system for the data again`,
        { rejectionId: id },
      );
    }
    return rejection;
  }

  private check(rejection: StoredRejection, record: Record<string, string>): MapResult {
    const columns = Object.keys(record);
    const mapper = this.councils.mapper(rejection.council, rejection.feed).bind(columns);
    const values = columns.map((column) => record[column]);
    return mapper.map({ line: rejection.line, values }, this.now());
  }
}
