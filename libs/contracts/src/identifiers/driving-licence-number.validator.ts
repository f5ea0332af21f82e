import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

/**
 * GB driving licence number: five characters of surname (padded with 9), six digits encoding
 * the birth date, two initials (padded with 9), a digit, and two check characters.
 */
const DRIVING_LICENCE_NUMBER = /^[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z0-9]{2}$/;
const EXPECTED = 'a 16-character GB driving licence number, e.g. MORGA657054SM9IJ';

/** Checks the shape of a GB driving licence number; returns it upper case without spaces. */
export function validateDrivingLicenceNumber(
  value: unknown,
  field = 'drivingLicenceNumber',
): string {
  const number = requireText(value, field, EXPECTED).toUpperCase().replace(/\s+/g, '');
  if (!DRIVING_LICENCE_NUMBER.test(number))
    throw new InvalidIdentifierError(field, value, EXPECTED);
  return number;
}
