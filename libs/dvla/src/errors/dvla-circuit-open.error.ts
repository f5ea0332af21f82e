import { DvlaError } from './dvla.error';

/**
 * DVLA failed too many times in a row, so calls fail fast until the cool-down ends and one
 * probe is let through. Retriable: try again after `retryAfterMs`.
 */
export class DvlaCircuitOpenError extends DvlaError {
  readonly code = 'DVLA_CIRCUIT_OPEN';
  readonly retriable = true;

  constructor(consecutiveFailures: number, retryAfterMs: number) {
    super(
      `DVLA calls are paused after ${consecutiveFailures} consecutive failures; ` +
        `the next probe is allowed in ${retryAfterMs} ms`,
      { consecutiveFailures, retryAfterMs },
    );
  }

  get retryAfterMs(): number {
    return this.context.retryAfterMs as number;
  }
}
