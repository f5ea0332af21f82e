import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T09:00:00Z');

  it.each([
    ['seconds', '3', 3_000],
    ['zero seconds', '0', 0],
    ['seconds with spaces', ' 12 ', 12_000],
    ['an HTTP date two seconds ahead', 'Thu, 03 Dec 2026 09:00:02 GMT', 2_000],
    ['an HTTP date in the past', 'Thu, 03 Dec 2026 08:59:00 GMT', 0],
  ])('reads %s', (_case, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['negative', '-1'],
    ['fractional', '1.5'],
    ['text', 'soon'],
    ['empty', ''],
  ])('ignores a header that is %s', (_case, header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
