import { BackboneError } from './backbone.error';

/** A redrive that did not reach the end of its dead-letter topic in time; what it did is kept. */
export class RedriveIncompleteError extends BackboneError {
  readonly code = 'REDRIVE_INCOMPLETE';
  readonly retriable = true;

  constructor(dlqTopic: string, partitions: number[], timeoutMs: number) {
    super(
      `redrive of ${dlqTopic} did not reach the end of partitions ${partitions.join(', ')} ` +
        `within ${timeoutMs} ms; run it again to continue where it stopped`,
      { topic: dlqTopic, partitions: partitions.join(','), timeoutMs },
    );
  }
}
