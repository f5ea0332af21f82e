import { validatePostcode } from './postcode.validator';

describe('validatePostcode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['BN43 5FA', 'BN43 5FA'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    [' W1A 0AX ', 'W1A 0AX'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validatePostcode(input)).toBe(expected);
  });

  it.each(['', 'SW1A', '1AA SW1A', 'SW1A 1A', 'SW1A 11A', 'ABC1 1AA', 'SW1A-1AA'])(
    'rejects %j',
    (input) => {
      expect(() => validatePostcode(input, 'location.postcode')).toThrow(
        `location.postcode: ${JSON.stringify(input)} is not valid: expected a UK postcode`,
      );
    },
  );
});
