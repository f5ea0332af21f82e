import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

/** Two prefix letters, six digits, and a suffix letter A to D that may be left blank. */
const SHAPE = /^([A-Z]{2})\d{6}[A-D]?$/;
/** HMRC never uses these as the first prefix letter ... */
const NOT_FIRST = /[DFIQUV]/;
/** ... nor these as the second. */
const NOT_SECOND = /[DFIOQUV]/;
/** Prefixes that are never allocated (and their reverses), as the DfT Blue Badge rules exclude. */
const UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const EXPECTED =
  'a National Insurance number: two letters, six digits and A, B, C or D, e.g. QQ 12 34 56 C';

/**
 * Checks a National Insurance number by the rules the DfT Blue Badge service validates with
 * and returns it in upper case without spaces (`QQ123456C`, or 8 characters when the suffix
 * was blank).
 */
export function validateNationalInsuranceNumber(value: unknown, field = 'nino'): string {
  const nino = requireText(value, field, EXPECTED).toUpperCase().replace(/\s+/g, '');
  const shape = SHAPE.exec(nino);
  if (!shape) throw new InvalidIdentifierError(field, value, EXPECTED);

  const prefix = shape[1];
  const hasUnusedLetter = NOT_FIRST.test(prefix[0]) || NOT_SECOND.test(prefix[1]);
  if (hasUnusedLetter || UNALLOCATED_PREFIXES.has(prefix)) {
    throw new InvalidIdentifierError(
      field,
      value,
      `${EXPECTED}; the prefix ${prefix} is never allocated`,
    );
  }
  return nino;
}
