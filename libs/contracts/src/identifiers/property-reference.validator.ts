import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

const UPRN_DIGITS = /^\d{1,12}$/;
const USRN_DIGITS = /^\d{1,8}$/;
const UPRN_EXPECTED = 'a UPRN of 1 to 12 digits, e.g. 000000199356';
const USRN_EXPECTED = 'a USRN of 1 to 8 digits, e.g. 20700215';

/**
 * Checks a UPRN (GeoPlace Unique Property Reference Number) and returns it zero-padded to 12
 * digits. Sources disagree on padding (`199356` and `000000199356` are the same property), so
 * one canonical form keeps joins and pseudonymised keys stable. Always a string: as a number
 * the leading zeros would be lost.
 */
export function validateUprn(value: unknown, field = 'uprn'): string {
  const text = requireText(value, field, UPRN_EXPECTED);
  if (!UPRN_DIGITS.test(text) || /^0+$/.test(text)) {
    throw new InvalidIdentifierError(field, value, UPRN_EXPECTED);
  }
  return text.padStart(12, '0');
}

/** Checks a USRN (GeoPlace Unique Street Reference Number) and returns it zero-padded to 8. */
export function validateUsrn(value: unknown, field = 'usrn'): string {
  const text = requireText(value, field, USRN_EXPECTED);
  if (!USRN_DIGITS.test(text) || /^0+$/.test(text)) {
    throw new InvalidIdentifierError(field, value, USRN_EXPECTED);
  }
  return text.padStart(8, '0');
}
