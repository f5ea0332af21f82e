import { ConsumedRecord } from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import { EventPublisher } from '../publisher/event-publisher';
import { DeadLetterFailure, deadLetterHeaders, deadLetterTopicOf } from './dead-letter-headers';

/**
 * Writes a record that cannot be processed to `<topic>.dlq`: its key, value and headers as
 * they were, plus the error headers. Resolves once Kafka has acknowledged it; only then may
 * the consumer move past the record.
 */
export class DeadLetterWriter {
  private readonly log = createLogger(DeadLetterWriter.name);

  constructor(private readonly publisher: EventPublisher) {}

  async write(record: ConsumedRecord, cause: DeadLetterFailure, eventId?: string): Promise<void> {
    const topic = deadLetterTopicOf(record.topic);
    await this.publisher.send([
      { topic, key: record.key, value: record.value, headers: deadLetterHeaders(record, cause) },
    ]);
    // The error's message may quote event contents; the dead letter holds it, the log does not.
    this.log.warn('event dead-lettered', {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      eventId,
      deadLetterTopic: topic,
      code: cause.failure.code,
      retriable: cause.failure.retriable,
      attempts: cause.attempts,
      groupId: cause.groupId,
    });
  }
}
