import { parseStartPosition } from './start-position';

describe(parseStartPosition.name, () => {
  it.each([
    ['beginning', { kind: 'beginning' }],
    ['end', { kind: 'end' }],
    ['2025-11-24', { kind: 'time', time: new Date('2025-11-24T00:00:00.000Z') }],
    ['2025-11-24T11:30:00Z', { kind: 'time', time: new Date('2025-11-24T11:30:00.000Z') }],
    ['2025-11-24T11:30:00.250+01:00', { kind: 'time', time: new Date('2025-11-24T10:30:00.250Z') }],
  ])('reads %s', (text, expected) => {
    expect(parseStartPosition(text)).toEqual(expected);
  });

  it.each([
    ['yesterday'],
    ['2025-11-24T11:30:00'],
    ['2025-13-01'],
    ['1732447800000'],
    ['Beginning'],
  ])('refuses %s, quoting it', (text) => {
    expect(() => parseStartPosition(text)).toThrow(`found "${text}"`);
  });
});
