import { CatalogueEntry } from '../catalogue/catalogue.types';
import { deriveSubjectKey } from './derive-subject-key';
import { pseudonymise } from './pseudonymise';

const KEY = Buffer.alloc(32, 3);

type KeyedEntry = Pick<CatalogueEntry, 'eventType' | 'key'>;

const collectionEvent: KeyedEntry = {
  eventType: 'CollectionEventRecorded',
  key: {
    field: 'subjectKey',
    from: [
      { path: 'payload.uprn', identifier: 'UPRN' },
      { path: 'payload.usrn', identifier: 'USRN' },
    ],
  },
};
const admission: KeyedEntry = {
  eventType: 'HospitalAdmissionNotified',
  key: {
    field: 'subjectKey',
    from: [{ path: 'payload.patient.nhsNumber', identifier: 'NHS_NUMBER' }],
  },
};

describe('deriveSubjectKey', () => {
  it.each([
    ['a UPRN, padded to 12 digits first', { uprn: '199356', usrn: null }, '000000199356'],
    ['a USRN when a street-level event has no UPRN', { uprn: null, usrn: '20700215' }, '20700215'],
  ])('pseudonymises %s', (_case, payload, normalised) => {
    expect(deriveSubjectKey(collectionEvent, { payload }, KEY)).toBe(pseudonymise(normalised, KEY));
  });

  it('normalises before pseudonymising, so spacing does not change the key', () => {
    const spaced = deriveSubjectKey(
      admission,
      { payload: { patient: { nhsNumber: '943 476 5919' } } },
      KEY,
    );
    const compact = deriveSubjectKey(
      admission,
      { payload: { patient: { nhsNumber: '9434765919' } } },
      KEY,
    );
    expect(spaced).toBe(compact);
  });

  it('rejects a malformed identifier, naming its path', () => {
    const event = { payload: { patient: { nhsNumber: '9434765918' } } };
    expect(() => deriveSubjectKey(admission, event, KEY)).toThrow(
      'payload.patient.nhsNumber: "9434765918" is not valid',
    );
  });

  it('says which paths it looked at when none is present', () => {
    expect(() => deriveSubjectKey(collectionEvent, { payload: { uprn: null } }, KEY)).toThrow(
      'payload.uprn or payload.usrn: null is not valid: expected a value to key CollectionEventRecorded by',
    );
  });
});
