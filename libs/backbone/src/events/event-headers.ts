/**
 * Kafka header names on every published event. The envelope carries the same ids in the
 * Avro body; the headers let tools and consumers route and trace without decoding it.
 */
export const EVENT_HEADERS = {
  eventType: 'eventType',
  eventId: 'eventId',
  correlationId: 'correlationId',
  causationId: 'causationId',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;
