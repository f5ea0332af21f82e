import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

const GSS_CODE = /^[ENSW]\d{8}$/;
const EXPECTED = 'a 9-character GSS code: E, N, S or W then 8 digits, e.g. E07000223';

/**
 * Checks an ONS GSS area code (E06 unitary, E07 district, E08 metropolitan district, E09
 * London borough, W06, S12, N09 ...) and returns it in upper case.
 */
export function validateGssCode(value: unknown, field = 'council'): string {
  const text = requireText(value, field, EXPECTED).toUpperCase();
  if (!GSS_CODE.test(text)) throw new InvalidIdentifierError(field, value, EXPECTED);
  return text;
}
