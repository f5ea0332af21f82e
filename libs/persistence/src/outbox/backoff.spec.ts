import { Backoff } from './backoff';

describe(Backoff.name, () => {
  it.each([
    ['the lowest draw', 0, [50, 100, 200, 400, 500, 500]],
    ['the highest draw', 1, [100, 200, 400, 800, 1000, 1000]],
  ])('doubles per failure up to the cap, between half and all of it (%s)', (_, draw, delays) => {
    const backoff = new Backoff(100, 1000, () => draw);
    expect(delays.map(() => backoff.next())).toEqual(delays);
    expect(backoff.attempts).toBe(6);
  });

  it('starts again from the initial delay after reset', () => {
    const backoff = new Backoff(100, 1000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('never overflows to Infinity or NaN after very many failures', () => {
    const backoff = new Backoff(100, 30_000, () => 1);
    for (let i = 0; i < 5000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });
});
