import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventInput } from '@joinedup/backbone';
import {
  Catalogue,
  eventFromJson,
  JoinedUpEvent,
  JoinedUpEventType,
  loadEventType,
} from '@joinedup/contracts';

/** The contracts' example event of a type, with a fresh event id and the given changes. */
export function sampleEvent<T extends JoinedUpEventType>(
  catalogue: Catalogue,
  eventType: T,
  changes: Partial<Extract<JoinedUpEvent, { eventType: T }>> = {},
): Extract<JoinedUpEvent, { eventType: T }> {
  const entry = catalogue.events.find((e) => e.eventType === eventType);
  if (!entry) throw new Error(`no catalogue entry for ${eventType}`);
  const file = path.join(catalogue.contractsDir, 'examples', `${eventType}.json`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const event = eventFromJson(loadEventType(catalogue, entry), json) as Extract<
    JoinedUpEvent,
    { eventType: T }
  >;
  return { ...event, eventId: crypto.randomUUID(), ...changes };
}

/** A CaseStatusChanged for a handler to derive: the envelope left for the publisher to fill. */
export function caseUpdate(
  catalogue: Catalogue,
  caseReference: string,
): EventInput<'CaseStatusChanged'> {
  const { eventId, correlationId, causationId, subjectKey, ...rest } = sampleEvent(
    catalogue,
    'CaseStatusChanged',
  );
  void [eventId, correlationId, causationId, subjectKey];
  return { ...rest, payload: { ...rest.payload, caseReference } };
}
