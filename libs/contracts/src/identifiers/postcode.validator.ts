import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

/**
 * The pragmatic UK postcode shape. The strict BS 7666 pattern needs character-class
 * subtraction, which JavaScript regular expressions lack; this one accepts a few codes that
 * are never issued, which address matching catches later.
 */
const POSTCODE = /^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$/;
const EXPECTED = 'a UK postcode such as SW1A 1AA';

/** Checks a postcode and returns it in upper case with one space before the inward code. */
export function validatePostcode(value: unknown, field = 'postcode'): string {
  const compact = requireText(value, field, EXPECTED).toUpperCase().replace(/\s+/g, '');
  if (!POSTCODE.test(compact)) throw new InvalidIdentifierError(field, value, EXPECTED);
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
