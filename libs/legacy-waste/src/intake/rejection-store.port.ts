/** Injection token of the RejectionStore port. */
export const REJECTION_STORE = Symbol('RejectionStore');

export type RejectionStatus = 'OPEN' | 'RESOLVED';

/** A record that did not become an event, as intake stores it. */
export interface NewRejection {
  /** Derived from the council, feed, file, line and record, so a re-run stores it once. */
  id: string;
  council: string;
  feed: string;
  file: string;
  line: number;
  /** The source field at fault: a CSV column, a layout field, an XML path, or `(record)`. */
  field: string;
  /** The value found, cut to 60 characters. */
  value: string;
  /** What was wrong, saying what was expected. */
  reason: string;
  /** The record's source fields, to correct; null when there is no record (Errors.Error). */
  record: Record<string, string> | null;
}

export interface StoredRejection extends NewRejection {
  status: RejectionStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  /** The event the record became once corrected and resubmitted. */
  eventId: string | null;
}

export interface RejectionFilter {
  council?: string;
  feed?: string;
  file?: string;
  status?: RejectionStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/**
 * Keeps rejections until someone corrects them. Adding a rejection whose id is already
 * stored leaves the stored one as it is (a file read again gives the same ids).
 */
export interface RejectionStore {
  add(rejections: readonly NewRejection[]): Promise<void>;
  list(filter?: RejectionFilter): Promise<StoredRejection[]>;
  get(id: string): Promise<StoredRejection | undefined>;
  /** Replaces the record and the problem found in it (after a correction). */
  update(
    id: string,
    change: Pick<NewRejection, 'record' | 'field' | 'value' | 'reason'>,
  ): Promise<void>;
  /** Marks the rejection resolved by the event its corrected record became. */
  resolve(id: string, eventId: string, at: Date): Promise<void>;
}
