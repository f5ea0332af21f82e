import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [5, 0, 500],
    [9, 1, 1_000],
  ])('retry %i with random %d waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, options, () => random)).toBe(expected);
  });

  it('never waits less than half the step nor more than the step', () => {
    for (let n = 0; n < 200; n++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});
