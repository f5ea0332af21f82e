import { validateDrivingLicenceNumber } from './driving-licence-number.validator';

describe('validateDrivingLicenceNumber', () => {
  it.each([
    ['MORGA657054SM9IJ', 'MORGA657054SM9IJ'],
    ['morga 657054 sm9ij', 'MORGA657054SM9IJ'],
    ['LI999802085J99AB', 'LI999802085J99AB'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateDrivingLicenceNumber(input)).toBe(expected);
  });

  it.each(['', 'MORGA657054SM9I', 'MORGA657054SM9IJK', 'MORG1657054SM9IJ', 'MORGAX57054SM9IJ'])(
    'rejects %j',
    (input) => {
      expect(() => validateDrivingLicenceNumber(input)).toThrow(
        `drivingLicenceNumber: ${JSON.stringify(input)} is not valid: expected a 16-character GB driving licence number`,
      );
    },
  );
});
