import { DvlaError } from './dvla.error';

/**
 * The council's own share of its DVLA quota is used up for longer than a caller may wait.
 * Nothing was sent to DVLA. Retriable: a token frees up after `waitMs`.
 */
export class DvlaRateLimitedError extends DvlaError {
  readonly code = 'DVLA_RATE_LIMITED';
  readonly retriable = true;

  constructor(council: string, waitMs: number, maxWaitMs: number, rateSetting: string) {
    super(
      `council ${council} has used its DVLA request rate: the next slot is ${waitMs} ms away, ` +
        `longer than the ${maxWaitMs} ms a caller may wait; raise ${rateSetting} only if DVLA ` +
        'has granted a larger quota',
      { council, waitMs, maxWaitMs },
    );
  }
}
