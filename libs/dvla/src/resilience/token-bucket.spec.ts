import { ManualClock } from '../testing/manual-clock.fixture';
import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  let clock: ManualClock;
  let sut: TokenBucket;

  beforeEach(() => {
    clock = new ManualClock();
    sut = new TokenBucket(4, 2, () => clock.now());
  });

  it('lets a burst through at once, then spaces callers at the rate', () => {
    expect([sut.reserve(10_000), sut.reserve(10_000)]).toEqual([0, 0]);
    expect([sut.reserve(10_000), sut.reserve(10_000), sut.reserve(10_000)]).toEqual([
      250, 500, 750,
    ]);
  });

  it('refuses a reservation whose wait exceeds the limit, and takes nothing for it', () => {
    sut.reserve(0);
    sut.reserve(0);
    expect(sut.reserve(249)).toBeUndefined();
    expect(sut.reserve(250)).toBe(250);
  });

  it('refills with time, never beyond the burst', () => {
    sut.reserve(0);
    sut.reserve(0);
    clock.advance(60_000);
    expect([sut.tryTake(), sut.tryTake(), sut.tryTake()]).toEqual([true, true, false]);
    expect(sut.msUntilToken()).toBe(250);
  });

  it.each([
    [0, 1, 'ratePerSecond must be > 0, got 0'],
    [1, 0, 'burst must be at least 1, got 0'],
  ])('refuses rate %j and burst %j', (rate, burst, message) => {
    expect(() => new TokenBucket(rate, burst)).toThrow(message);
  });
});
