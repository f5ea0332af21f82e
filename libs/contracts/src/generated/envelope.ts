// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

/**
 * Government Security Classification of the event, plus whether it holds special category (UK GDPR
 * Article 9) or criminal offence (Article 10) data. A reader that meets a symbol it does not know
 * treats it as the most restrictive.
 */
export type Classification = 'OFFICIAL' | 'OFFICIAL_SENSITIVE' | 'SPECIAL_CATEGORY';

/**
 * The fields every Joined-up event starts with. Not registered on its own: the contracts build
 * copies these fields, in this order, to the front of every event record, followed by the event's
 * payload.
 */
export interface EventEnvelope {
  /** Unique id of this event, a random (version 4) UUID; consumers use it to drop duplicates. */
  eventId: string;
  /**
   * The event type, the payload record's name without its Payload suffix, e.g.
   * MissedCollectionReported. Consumers of a topic carrying several types switch on it.
   */
  eventType: string;
  /**
   * When the fact happened in the source system (a bin was reported missed, a patient was
   * discharged), UTC. A Date (timestamp-millis).
   */
  occurredAt: Date;
  /**
   * When Joined-up recorded the event, UTC; later than occurredAt when a legacy system is polled or
   * a file arrives late. A Date (timestamp-millis).
   */
  recordedAt: Date;
  /**
   * The system the fact came from, lower-case and stable, e.g. bartec-collective, dvla-ves,
   * pas-hl7, mosaic.
   */
  sourceSystem: string;
  /** GSS (ONS) code of the council the event belongs to, nine characters, e.g. E07000223. */
  council: string;
  /**
   * Id shared by every event of one piece of work (a citizen's report and everything it triggers),
   * taken from the source request where it has one.
   */
  correlationId: string;
  /** eventId of the event that directly caused this one, null when the event starts a chain. */
  causationId: string | null;
  /**
   * Kafka message key: HMAC-SHA256 of the identifier the event is about (the catalogue names
   * which), keyed with the council's pseudonymisation key, 64 lower-case hex characters. Never the
   * identifier itself.
   */
  subjectKey: string;
  /** How the event must be handled; set from the catalogue for the event type. */
  classification: Classification;
}
