export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseDelayMs: number;
  /** Ceiling of the exponential delay. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed and half random, so
 * clients that failed together spread out but every retry still waits at least half its
 * step (see the AWS Architecture Blog, "Exponential Backoff and Jitter", 2015).
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
