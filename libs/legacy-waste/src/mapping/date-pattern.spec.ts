import { compileDatePattern, toIsoDate, toUtcMillis } from './date-pattern';

describe(compileDatePattern.name, () => {
  it.each([
    ['dd/MM/yyyy HH:mm:ss', '02/11/2026 07:41:12', '2026-11-02T07:41:12.000Z'],
    ['dd/MM/yyyy HH:mm', '2/11/2026 7:05', '2026-11-02T07:05:00.000Z'],
    ['dd/MM/yyyy', '02/11/2026', '2026-11-02T00:00:00.000Z'],
    ['yyyyMMddHHmmss', '20261102065812', '2026-11-02T06:58:12.000Z'],
    ['iso', '2026-11-02T16:42:10', '2026-11-02T16:42:10.000Z'],
    ['iso', '2026-11-02 16:42:10.5', '2026-11-02T16:42:10.500Z'],
  ])('reads %s from %j (GMT in November)', (pattern, text, utc) => {
    const parts = compileDatePattern(pattern)(text)!;
    expect(new Date(toUtcMillis(parts, 'Europe/London')).toISOString()).toBe(utc);
  });

  it.each([
    ['dd/MM/yyyy', '31/11/2026'],
    ['dd/MM/yyyy', '29/02/2026'],
    ['dd/MM/yyyy HH:mm', '02/11/2026 24:00'],
    ['dd/MM/yyyy', '2026-11-02'],
    ['yyyyMMdd', '2026112'],
    ['iso', '02/11/2026'],
    ['iso', '2026-13-01'],
  ])('refuses %s %j', (pattern, text) => {
    expect(compileDatePattern(pattern)(text)).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    expect(toIsoDate(compileDatePattern('dd/MM/yyyy')('29/02/2028')!)).toBe('2028-02-29');
  });

  it.each([
    ['in British Summer Time, one hour ahead', '2026-07-01T09:00:00', '2026-07-01T08:00:00.000Z'],
    ['in winter, on GMT', '2026-01-15T09:00:00', '2026-01-15T09:00:00.000Z'],
    ['just before the clocks go forward', '2026-03-29T00:59:00', '2026-03-29T00:59:00.000Z'],
    ['just after the clocks go forward', '2026-03-29T02:00:00', '2026-03-29T01:00:00.000Z'],
    [
      'in the repeated October hour, read as BST',
      '2026-10-25T01:30:00',
      '2026-10-25T00:30:00.000Z',
    ],
    ['after the clocks go back', '2026-10-25T02:00:00', '2026-10-25T02:00:00.000Z'],
  ])('converts a London wall-clock time %s', (_case, text, utc) => {
    const parts = compileDatePattern('iso')(text)!;
    expect(new Date(toUtcMillis(parts, 'Europe/London')).toISOString()).toBe(utc);
  });

  it('takes an explicit offset over the zone, and UTC as it is', () => {
    const read = compileDatePattern('iso');
    expect(toUtcMillis(read('2026-07-01T09:00:00+02:00')!, 'Europe/London')).toBe(
      Date.UTC(2026, 6, 1, 7),
    );
    expect(toUtcMillis(read('2026-07-01T09:00:00Z')!, 'Europe/London')).toBe(
      Date.UTC(2026, 6, 1, 9),
    );
    expect(toUtcMillis(read('2026-07-01T09:00:00')!, 'UTC')).toBe(Date.UTC(2026, 6, 1, 9));
  });
});
