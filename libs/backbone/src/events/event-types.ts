import type { JoinedUpEvent, JoinedUpEventType } from '@joinedup/contracts';

/** The generated type of one event, e.g. `EventOf<'MissedCollectionReported'>`. */
export type EventOf<T extends JoinedUpEventType> = Extract<JoinedUpEvent, { eventType: T }>;

/** Envelope fields the publisher fills in when they are left out. */
type FilledEnvelopeField =
  'eventId' | 'recordedAt' | 'classification' | 'correlationId' | 'causationId' | 'subjectKey';

/**
 * An event as a producer writes it: the envelope's bookkeeping fields may be left out. The
 * publisher gives it a random eventId, recordedAt now, the catalogue's classification, the
 * subject key derived from the catalogue's key source, and, for an event published while a
 * handler runs, the consumed event's correlationId and its eventId as causationId.
 */
export type EventInput<T extends JoinedUpEventType = JoinedUpEventType> =
  T extends JoinedUpEventType
    ? Omit<EventOf<T>, FilledEnvelopeField> & Partial<Pick<EventOf<T>, FilledEnvelopeField>>
    : never;
