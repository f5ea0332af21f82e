import { resolveRelayOptions } from './outbox-relay-options';

describe(resolveRelayOptions.name, () => {
  it('fills in the documented defaults', () => {
    expect(resolveRelayOptions({})).toEqual({
      batchSize: 100,
      pollIntervalMs: 500,
      retryInitialMs: 100,
      retryMaxMs: 30_000,
      pruneSentAfterMs: undefined,
    });
  });

  it.each([
    [{ batchSize: 0 }, /batchSize must be a whole number from 1 to 10000, got 0/],
    [{ batchSize: 1.5 }, /batchSize .* got 1.5/],
    [{ pollIntervalMs: -1 }, /pollIntervalMs .* got -1/],
    [{ pruneSentAfterMs: Number.NaN }, /pruneSentAfterMs .* got null/],
  ])('rejects %j, quoting the bad value', (opts, message) => {
    expect(() => resolveRelayOptions(opts)).toThrow(message);
  });

  it('raises a cap below the initial delay to the initial delay', () => {
    expect(resolveRelayOptions({ retryInitialMs: 500, retryMaxMs: 100 }).retryMaxMs).toBe(500);
  });
});
