import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

const TEN_DIGITS = /^\d{10}$/;
const SEPARATORS = /[\s-]/g;
const EXPECTED_SHAPE = 'an NHS number of 10 digits, e.g. 943 476 5919';

/**
 * The NHS number check digit for the first nine digits: weight them 10 down to 2, sum, take
 * the remainder mod 11; the check digit is 11 minus it, with 11 becoming 0. A result of 10
 * means no valid NHS number starts with these nine digits, so undefined is returned.
 */
export function nhsNumberCheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** Checks an NHS number's shape and check digit; returns its 10 digits without separators. */
export function validateNhsNumber(value: unknown, field = 'nhsNumber'): string {
  const digits = requireText(value, field, EXPECTED_SHAPE).replace(SEPARATORS, '');
  if (!TEN_DIGITS.test(digits)) throw new InvalidIdentifierError(field, value, EXPECTED_SHAPE);

  const expectedCheck = nhsNumberCheckDigit(digits.slice(0, 9));
  if (expectedCheck === undefined) {
    throw new InvalidIdentifierError(
      field,
      value,
      'a valid NHS number: its first nine digits give check value 10, which no NHS number has',
    );
  }
  if (Number(digits[9]) !== expectedCheck) {
    throw new InvalidIdentifierError(
      field,
      value,
      `a valid NHS number: the check digit should be ${expectedCheck}, not ${digits[9]}`,
    );
  }
  return digits;
}
