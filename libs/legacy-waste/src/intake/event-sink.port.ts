import { JoinedUpEvent } from '@joinedup/contracts';

/** Injection token of the EventSink port. */
export const EVENT_SINK = Symbol('EventSink');

/**
 * Where intake sends the events it makes. Implemented by infrastructure: the backbone's
 * publisher in the hub, AvroKafkaEventSink on its own. `publish` resolves once every event is
 * durably accepted (acks from all replicas) and rejects otherwise; intake sends events in
 * batches and waits for each batch, so a rejection stops the file at a known batch.
 */
export interface EventSink {
  publish(events: readonly JoinedUpEvent[]): Promise<void>;
}
