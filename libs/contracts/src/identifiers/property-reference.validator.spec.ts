import { validateUprn, validateUsrn } from './property-reference.validator';

describe('validateUprn', () => {
  it.each([
    ['000000199356', '000000199356'],
    ['199356', '000000199356'],
    ['100061234567', '100061234567'],
    [' 10023456789 ', '010023456789'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateUprn(input)).toBe(expected);
  });

  it.each(['', '0', '000000000000', '1234567890123', '12345A', '-199356', '199 356'])(
    'rejects %j',
    (input) => {
      expect(() => validateUprn(input)).toThrow(`uprn: ${JSON.stringify(input)} is not valid`);
    },
  );

  it('rejects a number, which would already have lost its leading zeros', () => {
    expect(() => validateUprn(199356, 'location.uprn')).toThrow(
      'location.uprn: 199356 is not valid: expected a UPRN of 1 to 12 digits',
    );
  });
});

describe('validateUsrn', () => {
  it.each([
    ['20700215', '20700215'],
    ['7001234', '07001234'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateUsrn(input)).toBe(expected);
  });

  it.each(['', '00000000', '123456789', 'A2070021'])('rejects %j', (input) => {
    expect(() => validateUsrn(input)).toThrow('expected a USRN of 1 to 8 digits');
  });
});
