import { DeadLetterStage } from '../dead-letter/dead-letter-headers';
import { RetryPolicy } from '../retry/retry-policy';

/**
 * Carries a failure out of the dispatcher with what the batch processor needs to decide on
 * it: the stage it happened in and the retry policy that applies. Internal: the error written
 * to a dead letter is `error`, as thrown.
 */
export class DispatchFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly stage: DeadLetterStage,
    readonly retry: RetryPolicy,
    readonly eventId?: string,
  ) {
    super('dispatch failed', { cause: error });
    this.name = 'DispatchFailure';
  }
}
