import { BackboneConfigurationError } from '../errors/backbone-configuration.error';

/** How a consumer retries a handler that failed with a retriable error. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last the event is dead-lettered. */
  maxAttempts: number;
  /** The cap of the first backoff; each later cap doubles. */
  initialDelayMs: number;
  /** The largest cap. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
};

export function resolveRetryPolicy(
  overrides: Partial<RetryPolicy> = {},
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  const policy = { ...base, ...withoutUndefined(overrides) };
  for (const [name, value] of Object.entries(policy)) {
    const min = name === 'maxAttempts' ? 1 : 0;
    if (!Number.isInteger(value) || value < min) {
      throw new BackboneConfigurationError(
        `retry ${name} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`,
        { option: `retry.${name}` },
      );
    }
  }
  return policy;
}

/**
 * The wait before attempt `attempt + 1`: "full jitter" exponential backoff, a uniformly random
 * delay between 0 and min(maxDelay, initialDelay * 2^(attempt-1)). Spreading retries over the
 * whole window keeps many consumers that failed together from retrying together
 * (aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter).
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.floor(random() * (cap + 1));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
