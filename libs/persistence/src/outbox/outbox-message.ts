/** One Kafka record waiting in the outbox: what the relay hands to `publish`. */
export interface OutboxMessage {
  topic: string;
  /** Record key; null for a record without one. */
  key: Buffer | null;
  value: Buffer;
  headers: Record<string, string>;
}

/** Kafka's limit on a topic name. */
export const MAX_TOPIC_LENGTH = 249;
