import { validateNationalInsuranceNumber } from './national-insurance-number.validator';

describe('validateNationalInsuranceNumber', () => {
  it.each([
    ['AB123456C', 'AB123456C'],
    ['ab 12 34 56 c', 'AB123456C'],
    ['JG103759A', 'JG103759A'],
    ['CE123456D', 'CE123456D'],
    ['AB123456', 'AB123456'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateNationalInsuranceNumber(input)).toBe(expected);
  });

  it.each([
    ['DA123456A', 'prefix DA is never allocated'],
    ['QQ123456C', 'prefix QQ is never allocated'],
    ['AO123456A', 'prefix AO is never allocated'],
    ['GB123456A', 'prefix GB is never allocated'],
    ['BG123456A', 'prefix BG is never allocated'],
    ['NK123456A', 'prefix NK is never allocated'],
    ['TN123456A', 'prefix TN is never allocated'],
    ['ZZ123456A', 'prefix ZZ is never allocated'],
  ])('rejects %j: %s', (input, expected) => {
    expect(() => validateNationalInsuranceNumber(input)).toThrow(expected);
  });

  it.each(['', 'AB12345C', 'AB1234567C', 'AB123456E', '1B123456C', 'AB12345XC'])(
    'rejects the malformed %j',
    (input) => {
      expect(() => validateNationalInsuranceNumber(input, 'party.person.nino')).toThrow(
        `party.person.nino: ${JSON.stringify(input)} is not valid: expected a National Insurance number`,
      );
    },
  );
});
