import { InvalidIdentifierError } from './invalid-identifier.error';
import { nhsNumberCheckDigit, validateNhsNumber } from './nhs-number.validator';

/** Check digits worked by hand: weights 10..2, sum, 11 - (sum mod 11), 11 -> 0. */
describe('nhsNumberCheckDigit', () => {
  it.each([
    ['943476591', 9], // sum 299, remainder 2
    ['401023213', 7], // sum 147, remainder 4
    ['999000001', 8], // sum 245, remainder 3
    ['123456788', 1], // sum 230, remainder 10
    ['400000002', 0], // sum 44, remainder 0: 11 becomes 0
  ])('gives %s the check digit %i', (firstNine, check) => {
    expect(nhsNumberCheckDigit(firstNine)).toBe(check);
  });

  it('gives no check digit when the remainder is 1, so 11 - 1 = 10', () => {
    expect(nhsNumberCheckDigit('400000008')).toBeUndefined();
  });
});

describe('validateNhsNumber', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['  9990000018 ', '9990000018'],
    ['4010232137', '4010232137'],
    ['1234567881', '1234567881'],
    ['4000000020', '4000000020'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateNhsNumber(input)).toBe(expected);
  });

  it.each([
    ['9434765918', 'the check digit should be 9, not 8'],
    ['9990000019', 'the check digit should be 8, not 9'],
    ['4000000080', 'check value 10'],
    ['4000000081', 'check value 10'],
    ['943476591', 'an NHS number of 10 digits'],
    ['94347659190', 'an NHS number of 10 digits'],
    ['94347659A9', 'an NHS number of 10 digits'],
    ['', 'an NHS number of 10 digits'],
  ])('rejects %j, saying %j', (input, expected) => {
    expect(() => validateNhsNumber(input)).toThrow(expected);
  });

  it('names the field and quotes the value in its error', () => {
    const error = catchError(() => validateNhsNumber('9434765918', 'patient.nhsNumber'));
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error.field).toBe('patient.nhsNumber');
    expect(error.value).toBe('9434765918');
    expect(error.message).toMatch(/^patient\.nhsNumber: "9434765918" is not valid: expected /);
  });

  it('rejects a value that is not text', () => {
    expect(() => validateNhsNumber(9434765919)).toThrow('nhsNumber: 9434765919 is not valid');
  });
});

function catchError(action: () => unknown): InvalidIdentifierError {
  try {
    action();
  } catch (err) {
    return err as InvalidIdentifierError;
  }
  throw new Error('expected an error');
}
