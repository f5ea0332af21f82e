/**
 * A token bucket: `ratePerSecond` tokens added continuously up to `burst`. A reservation may
 * take the balance below zero, which queues the caller behind those already waiting, so a
 * crowd of callers is spaced out at the rate instead of retrying in a herd.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0))
      throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.tokens = burst;
    this.updatedAt = now();
  }

  /**
   * Takes one token, returning how long to wait before using it (0 when one is free now).
   * When that wait would exceed `maxWaitMs`, takes nothing and returns undefined.
   */
  reserve(maxWaitMs: number): number | undefined {
    const waitMs = this.msUntilToken();
    if (waitMs > maxWaitMs) return undefined;
    this.tokens -= 1;
    return waitMs;
  }

  /** Takes a token only if one is free now. */
  tryTake(): boolean {
    return this.reserve(0) !== undefined;
  }

  /** How long until a token is free for a new caller. */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
    this.updatedAt = now;
  }
}
