import { ManualClock } from '../testing/manual-clock.fixture';
import { AnswerCache } from './answer-cache';

describe(AnswerCache.name, () => {
  let clock: ManualClock;

  beforeEach(() => {
    clock = new ManualClock();
  });

  it('answers from the cache until the entry is max age old, then forgets it', () => {
    const sut = new AnswerCache<string>({ maxEntries: 10, maxAgeMs: 1_000 }, clock);
    sut.set('AB51ABC', 'answer');
    clock.advance(999);
    expect(sut.get('AB51ABC')).toBe('answer');
    clock.advance(1);
    expect(sut.get('AB51ABC')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('drops the least recently used entry when full, counting a read as a use', () => {
    const sut = new AnswerCache<number>({ maxEntries: 2, maxAgeMs: 60_000 }, clock);
    sut.set('A', 1);
    sut.set('B', 2);
    expect(sut.get('A')).toBe(1);
    sut.set('C', 3);
    expect(sut.get('B')).toBeUndefined();
    expect(sut.get('A')).toBe(1);
    expect(sut.get('C')).toBe(3);
  });

  it.each([
    ['no entries', { maxEntries: 0, maxAgeMs: 60_000 }],
    ['no age', { maxEntries: 10, maxAgeMs: 0 }],
  ])('stores nothing when configured with %s', (_case, options) => {
    const sut = new AnswerCache<number>(options, clock);
    sut.set('A', 1);
    expect(sut.enabled).toBe(false);
    expect(sut.get('A')).toBeUndefined();
  });
});
