import { deriveEventId } from '../mapping/event-id';
import { RejectedRecord } from '../mapping/record-mapper';
import { SourceProblem, WHOLE_RECORD } from '../parsing/source-record';
import { NewRejection } from './rejection-store.port';

/** Long enough to recognise a value, short enough to keep whole records out of listings. */
export const MAX_VALUE_LENGTH = 60;

export interface RejectionOrigin {
  council: string;
  feed: string;
  file: string;
}

/** A rejection to store, from a record the mapper refused or a problem the parser met. */
export function rejectionOf(
  origin: RejectionOrigin,
  found: RejectedRecord | SourceProblem,
): NewRejection {
  const record = found.record ?? null;
  const id = deriveEventId([
    'rejection',
    origin.council,
    origin.feed,
    origin.file,
    String(found.line),
    found.field,
    record === null ? found.value : JSON.stringify(record),
  ]);
  return {
    id,
    ...origin,
    line: found.line,
    field: found.field || WHOLE_RECORD,
    value: truncate(found.value),
    reason: found.reason,
    record,
  };
}

export function truncate(value: string): string {
  return value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH - 3)}...`;
}
