export interface RetryPolicyOptions {
  /** Attempts in all, the first included. Default 5. */
  attempts?: number;
  /** Wait before the second attempt; doubled for each one after. Default 200 ms. */
  initialDelayMs?: number;
  /** Longest wait between attempts. Default 5000 ms. */
  maxDelayMs?: number;
  /** Waits; tests pass their own. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Exponential backoff between attempts: 200, 400, 800 ms ... up to maxDelayMs, each wait
 * drawn at random between half and all of it, so many writers retrying after one outage do
 * not call back in step.
 */
export class RetryPolicy {
  readonly attempts: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RetryPolicyOptions = {}) {
    this.attempts = options.attempts ?? 5;
    this.initialDelayMs = options.initialDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The wait before attempt `attempt` (2 for the first retry). */
  delayBefore(attempt: number): number {
    const full = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (attempt - 2));
    return Math.round(full / 2 + Math.random() * (full / 2));
  }

  wait(attempt: number): Promise<void> {
    return this.sleep(this.delayBefore(attempt));
  }
}
