import { deriveEventId } from './event-id';
import { SeenIdSet } from './seen-id.set';

describe(SeenIdSet.name, () => {
  it('says whether an id was met before, across many growths of its table', () => {
    const seen = new SeenIdSet();
    const ids = Array.from({ length: 50_000 }, (_, index) => deriveEventId([String(index)]));
    expect(ids.every((id) => seen.add(id))).toBe(true);
    expect(seen.size).toBe(50_000);
    expect(ids.some((id) => seen.add(id))).toBe(false);
    expect(seen.size).toBe(50_000);
  });
});
