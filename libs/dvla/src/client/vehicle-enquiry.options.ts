import { AnswerCacheOptions } from '../resilience/answer-cache';
import { CircuitBreakerOptions } from '../resilience/circuit-breaker';
import { Clock, SYSTEM_CLOCK } from '../resilience/clock';
import { RateLimitOptions } from '../resilience/council-rate-limiter';

export interface RetryOptions {
  /** Calls per enquiry, the first included; 1 means never retry. */
  maxAttempts: number;
  /** First retry's delay before jitter; doubles each retry. */
  baseDelayMs: number;
  /** Ceiling of the exponential delay. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; DVLA asking for more fails the enquiry as retriable now. */
  maxRetryAfterMs: number;
}

export interface VehicleEnquiryClientOptions {
  /** Scheme and host, e.g. https://driver-vehicle-licensing.api.gov.uk. */
  baseUrl: string;
  /** The council's Vehicle Enquiry Service key, from JOINEDUP_DVLA_API_KEY. */
  apiKey: string;
  /** Key for the pseudonyms logged instead of registrations (JOINEDUP_PSEUDONYM_KEY). */
  pseudonymKey: Buffer | string;
  /** Per call, until the whole answer has arrived. Default 5 s. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  rateLimit?: Partial<RateLimitOptions>;
  cache?: Partial<AnswerCacheOptions>;
  /** Tests pass a manual clock and a fixed random source. */
  clock?: Clock;
  random?: () => number;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  timeoutMs: number;
  retry: RetryOptions;
  circuitBreaker: CircuitBreakerOptions;
  rateLimit: RateLimitOptions;
  cache: AnswerCacheOptions;
  clock: Clock;
  random: () => number;
}

/**
 * Defaults. DVLA does not publish its quotas, which it grants per key on request, so the rate
 * is a cautious 10 a second; set it to the quota granted. Answers are trusted for 15 minutes:
 * tax and MOT status change daily at most, and an abandoned-vehicle case asks about one vehicle
 * a few times within minutes.
 */
export const CLIENT_DEFAULTS = {
  timeoutMs: 5_000,
  retry: { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 },
  circuitBreaker: { failureThreshold: 5, coolDownMs: 30_000 },
  rateLimit: { requestsPerSecond: 10, burst: 10, maxWaitMs: 2_000 },
  cache: { maxEntries: 10_000, maxAgeMs: 15 * 60_000 },
} as const;

/** Fills in defaults and refuses impossible values, naming the option and the value. */
export function resolveClientOptions(options: VehicleEnquiryClientOptions): ResolvedClientOptions {
  if (!/^https?:\/\/[^\s/]+/.test(options.baseUrl)) {
    throw new RangeError(
      `baseUrl: ${JSON.stringify(options.baseUrl)} is not an http:// or https:// URL`,
    );
  }
  const resolved: ResolvedClientOptions = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
    retry: { ...CLIENT_DEFAULTS.retry, ...options.retry },
    circuitBreaker: { ...CLIENT_DEFAULTS.circuitBreaker, ...options.circuitBreaker },
    rateLimit: { ...CLIENT_DEFAULTS.rateLimit, ...options.rateLimit },
    cache: { ...CLIENT_DEFAULTS.cache, ...options.cache },
    clock: options.clock ?? SYSTEM_CLOCK,
    random: options.random ?? Math.random,
  };
  requireAtLeast('timeoutMs', resolved.timeoutMs, 1);
  requireAtLeast('retry.maxAttempts', resolved.retry.maxAttempts, 1);
  requireAtLeast('retry.baseDelayMs', resolved.retry.baseDelayMs, 0);
  requireAtLeast('retry.maxDelayMs', resolved.retry.maxDelayMs, 0);
  requireAtLeast('retry.maxRetryAfterMs', resolved.retry.maxRetryAfterMs, 0);
  requireAtLeast('circuitBreaker.failureThreshold', resolved.circuitBreaker.failureThreshold, 1);
  requireAtLeast('circuitBreaker.coolDownMs', resolved.circuitBreaker.coolDownMs, 0);
  requireAtLeast('rateLimit.requestsPerSecond', resolved.rateLimit.requestsPerSecond, 0);
  requireAtLeast('rateLimit.burst', resolved.rateLimit.burst, 1);
  requireAtLeast('rateLimit.maxWaitMs', resolved.rateLimit.maxWaitMs, 0);
  requireAtLeast('cache.maxEntries', resolved.cache.maxEntries, 0);
  requireAtLeast('cache.maxAgeMs', resolved.cache.maxAgeMs, 0);
  return resolved;
}

function requireAtLeast(name: string, value: number, min: number): void {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min) return;
  throw new RangeError(
    `${name}: ${JSON.stringify(value)} is not valid: expected a number >= ${min}`,
  );
}
