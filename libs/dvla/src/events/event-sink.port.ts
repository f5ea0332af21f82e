import type { JoinedUpEvent } from '@joinedup/contracts';

/**
 * Where this library's events go. The event backbone implements it (publishing each event to
 * its catalogue topic, keyed by subjectKey); tests implement it over the project's broker.
 * Resolves once every event is durably accepted; rejects, with a `retriable` error where the
 * implementation knows, when any is not.
 */
export interface EventSink {
  publish(events: readonly JoinedUpEvent[]): Promise<void>;
}

/** Injection token for EventSink. */
export const EVENT_SINK = Symbol('EventSink');
