import { createLogger } from '@joinedup/logging';
import { DvlaRateLimitedError } from '../errors/dvla-rate-limited.error';
import { Clock } from './clock';
import { TokenBucket } from './token-bucket';

export interface RateLimitOptions {
  /** Requests per second each council may send; 0 turns the limit off. */
  requestsPerSecond: number;
  /** Requests a council may send at once after a quiet spell. */
  burst: number;
  /** Longest a caller waits for a slot before getting DvlaRateLimitedError. */
  maxWaitMs: number;
}

/**
 * DVLA grants each API key a quota, and each council has its own key, so each council gets its
 * own token bucket: one council's backlog never spends another's quota.
 */
export class CouncilRateLimiter {
  private readonly log = createLogger(CouncilRateLimiter.name);
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
    private readonly rateSetting = 'JOINEDUP_DVLA_RATE_LIMIT',
  ) {}

  get enabled(): boolean {
    return this.options.requestsPerSecond > 0;
  }

  /** Waits for the council's next slot, or throws DvlaRateLimitedError if it is too far. */
  async acquire(council: string, correlationId: string): Promise<void> {
    if (!this.enabled) return;
    const bucket = this.bucketOf(council);
    const waitMs = bucket.reserve(this.options.maxWaitMs);
    if (waitMs === undefined) {
      const nextMs = bucket.msUntilToken();
      this.log.warn('council DVLA rate used up; enquiry refused', {
        council,
        correlationId,
        waitMs: nextMs,
      });
      throw new DvlaRateLimitedError(council, nextMs, this.options.maxWaitMs, this.rateSetting);
    }
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }

  private bucketOf(council: string): TokenBucket {
    let bucket = this.buckets.get(council);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.options.requestsPerSecond, this.options.burst, () =>
        this.clock.now(),
      );
      this.buckets.set(council, bucket);
    }
    return bucket;
  }
}
