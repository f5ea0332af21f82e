import { parseRegistrationMark, validateRegistrationMark } from './registration-mark.validator';

describe('parseRegistrationMark', () => {
  it.each([
    ['AB51 ABC', 'AB51ABC', 'CURRENT'],
    ['lc19 dvl', 'LC19DVL', 'CURRENT'],
    ['ER19NFD', 'ER19NFD', 'CURRENT'],
    ['YY75 ZZZ', 'YY75ZZZ', 'CURRENT'],
    ['A123 BCD', 'A123BCD', 'PREFIX'],
    ['P7 RYT', 'P7RYT', 'PREFIX'],
    ['ABC 123D', 'ABC123D', 'SUFFIX'],
    ['KHY 5N', 'KHY5N', 'SUFFIX'],
    ['Q123 ABC', 'Q123ABC', 'Q_PLATE'],
    ['ABZ 1234', 'ABZ1234', 'NORTHERN_IRELAND'],
    ['IAZ 123', 'IAZ123', 'NORTHERN_IRELAND'],
    ['L2 WPS', 'L2WPS', 'PREFIX'],
    ['1 A', '1A', 'DATELESS'],
    ['ABC 1', 'ABC1', 'DATELESS'],
    ['9999 AB', '9999AB', 'DATELESS'],
  ])('reads %j as %s, a %s mark', (input, mark, format) => {
    expect(parseRegistrationMark(input)).toEqual({ mark, format });
  });

  it.each([
    ['AB00 ABC', 'age identifier 00 was never issued'],
    ['AB01 ABC', 'age identifier 01 was never issued'],
    ['AB50 ABC', 'age identifier 50 was never issued'],
    ['IB51 ABC', 'I is not an area letter'],
    ['AB51 ABCD', 'too long'],
    ['ABCD 1234', 'too long'],
    ['AB-51-ABC', 'hyphens are not part of a mark'],
    ['', 'empty'],
    ['12345', 'digits only'],
    ['ABCDEF', 'letters only'],
  ])('rejects %j (%s)', (input) => {
    expect(() => parseRegistrationMark(input)).toThrow(
      `registrationMark: ${JSON.stringify(input)} is not valid: expected a GB or Northern Ireland registration mark`,
    );
  });
});

describe('validateRegistrationMark', () => {
  it('returns only the normalised mark', () => {
    expect(validateRegistrationMark(' ab51 abc ')).toBe('AB51ABC');
  });

  it('names the field it was given', () => {
    expect(() => validateRegistrationMark('AB50ABC', 'payload.registrationNumber')).toThrow(
      /^payload\.registrationNumber: "AB50ABC"/,
    );
  });
});
