import { deriveSubjectKey, InvalidIdentifierError, KeySource } from '@joinedup/contracts';
import { TEST_PSEUDONYM_KEY } from '../testing/legacy-fixtures';
import { SubjectKeyCache } from './subject-key.cache';

const from: KeySource[] = [
  { path: 'payload.uprn', identifier: 'UPRN' },
  { path: 'payload.usrn', identifier: 'USRN' },
];
const entry = { eventType: 'CollectionEventRecorded', key: { field: 'subjectKey' as const, from } };
const event = (uprn: string | null, usrn: string | null = null) => ({ payload: { uprn, usrn } });

describe(SubjectKeyCache.name, () => {
  it.each([
    ['a UPRN', event('100061915100')],
    ['the same UPRN unpadded, as deriveSubjectKey normalises it', event('199356')],
    ['a USRN when the UPRN is absent', event(null, '31700412')],
  ])('gives what deriveSubjectKey gives for %s, from the cache the second time', (_case, value) => {
    const sut = new SubjectKeyCache(TEST_PSEUDONYM_KEY);
    const expected = deriveSubjectKey(entry, value, TEST_PSEUDONYM_KEY);
    expect(sut.subjectKey(entry, value)).toBe(expected);
    expect(sut.subjectKey(entry, value)).toBe(expected);
  });

  it('keeps identifiers of different kinds apart', () => {
    const sut = new SubjectKeyCache(TEST_PSEUDONYM_KEY);
    const byUprn = sut.subjectKey(entry, event('31700412'));
    const byUsrn = sut.subjectKey(entry, event(null, '31700412'));
    expect(byUsrn).not.toBe(byUprn);
  });

  it('throws deriveSubjectKey errors for a bad or missing identifier, caching nothing', () => {
    const sut = new SubjectKeyCache(TEST_PSEUDONYM_KEY);
    expect(() => sut.subjectKey(entry, event('12x'))).toThrow(InvalidIdentifierError);
    expect(() => sut.subjectKey(entry, event(null))).toThrow('payload.uprn or payload.usrn');
  });

  it('keeps answering correctly after it fills up and starts again', () => {
    const sut = new SubjectKeyCache(TEST_PSEUDONYM_KEY, 3);
    for (const uprn of ['1', '2', '3', '4', '5', '1']) {
      expect(sut.subjectKey(entry, event(uprn))).toBe(
        deriveSubjectKey(entry, event(uprn), TEST_PSEUDONYM_KEY),
      );
    }
  });
});
