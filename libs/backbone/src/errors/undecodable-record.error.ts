import { BackboneError } from './backbone.error';

/** A record that cannot be read as an event at all: no value, or no event type in it. */
export class UndecodableRecordError extends BackboneError {
  readonly code = 'UNDECODABLE_RECORD';
  readonly retriable = false;

  constructor(topic: string, partition: number, offset: string, reason: string) {
    super(`record ${topic}/${partition}@${offset} is not an event: ${reason}`, {
      topic,
      partition,
      offset,
    });
  }
}
