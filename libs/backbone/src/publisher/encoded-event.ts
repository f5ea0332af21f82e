/** An event ready for Kafka (and the same shape the outbox stores). */
export interface EncodedEvent {
  topic: string;
  key: Buffer;
  value: Buffer;
  headers: Record<string, string>;
}

/** What publish() reports for each event. */
export interface PublishedEvent {
  eventType: string;
  eventId: string;
  topic: string;
  correlationId: string;
  causationId: string | null;
  traceparent: string;
}
