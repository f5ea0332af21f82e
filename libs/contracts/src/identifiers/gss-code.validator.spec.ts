import { validateGssCode } from './gss-code.validator';

describe('validateGssCode', () => {
  it.each([
    ['E07000223', 'E07000223'],
    ['E09000033', 'E09000033'],
    ['W06000015', 'W06000015'],
    ['S12000036', 'S12000036'],
    ['N09000003', 'N09000003'],
    ['e06000023', 'E06000023'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateGssCode(input)).toBe(expected);
  });

  it.each(['', 'E0700022', 'E070002233', 'X07000223', 'ADU', 'E07 000223'])(
    'rejects %j',
    (input) => {
      expect(() => validateGssCode(input)).toThrow(
        `council: ${JSON.stringify(input)} is not valid: expected a 9-character GSS code`,
      );
    },
  );
});
