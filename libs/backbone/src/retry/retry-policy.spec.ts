import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy';

const policy = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1000 };

describe(backoffDelayMs.name, () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1000],
    [40, 1000],
  ])('caps the wait after attempt %i at %i ms', (attempt, cap) => {
    expect(backoffDelayMs(policy, attempt, () => 0.999999)).toBe(cap);
    expect(backoffDelayMs(policy, attempt, () => 0)).toBe(0);
  });

  it('spreads waits over the whole window (full jitter)', () => {
    const waits = Array.from({ length: 2000 }, () => backoffDelayMs(policy, 3));
    expect(Math.min(...waits)).toBeLessThan(40);
    expect(Math.max(...waits)).toBeGreaterThan(360);
    expect(waits.every((w) => w >= 0 && w <= 400 && Number.isInteger(w))).toBe(true);
  });
});

describe(resolveRetryPolicy.name, () => {
  it('fills what is not given from the base', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: 2,
    });
    expect(resolveRetryPolicy({ initialDelayMs: undefined }, policy)).toEqual(policy);
  });

  it.each([
    [{ maxAttempts: 0 }, 'retry maxAttempts must be a whole number of at least 1, got 0'],
    [{ initialDelayMs: -5 }, 'retry initialDelayMs must be a whole number of at least 0, got -5'],
    [{ maxDelayMs: 1.5 }, 'retry maxDelayMs must be a whole number of at least 0, got 1.5'],
  ])('refuses %j, quoting the bad value', (overrides, message) => {
    expect(() => resolveRetryPolicy(overrides)).toThrow(BackboneConfigurationError);
    expect(() => resolveRetryPolicy(overrides)).toThrow(message);
  });
});
