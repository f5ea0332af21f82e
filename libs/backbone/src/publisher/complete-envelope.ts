import { randomUUID } from 'node:crypto';
import { CatalogueEntry, deriveSubjectKey, JoinedUpEvent } from '@joinedup/contracts';
import { EventPublishError } from '../errors/event-publish.error';
import { EventInput } from '../events/event-types';
import { CausingEvent } from './publish-scope';

/**
 * Fills the envelope fields a producer may leave out. An event derived from a consumed one
 * always takes its correlationId and names it as cause: that is what makes a chain of events
 * traceable, so it is not left to each handler author.
 */
export function completeEnvelope(
  input: EventInput,
  entry: CatalogueEntry,
  cause: CausingEvent | undefined,
  pseudonymKey: Buffer | undefined,
  now: Date,
): JoinedUpEvent {
  const eventId = input.eventId ?? randomUUID();
  const event = {
    ...input,
    eventId,
    recordedAt: input.recordedAt ?? now,
    classification: entry.classification,
    correlationId: cause?.correlationId ?? input.correlationId ?? eventId,
    causationId: cause?.eventId ?? input.causationId ?? null,
    subjectKey: input.subjectKey,
  } as Record<string, unknown>;
  event.subjectKey ??= subjectKeyFor(entry, event, pseudonymKey);
  return event as unknown as JoinedUpEvent;
}

function subjectKeyFor(
  entry: CatalogueEntry,
  event: Record<string, unknown>,
  pseudonymKey: Buffer | undefined,
): string {
  if (pseudonymKey === undefined) {
    throw new EventPublishError(
      entry.eventType,
      'it has no subjectKey and no pseudonymisation key is configured to derive one ' +
        '(set JOINEDUP_PSEUDONYM_KEY or the backbone option pseudonymKey)',
    );
  }
  return deriveSubjectKey(entry, event, pseudonymKey);
}
