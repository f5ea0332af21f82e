import { pseudonymise } from '@joinedup/contracts';
import { adurRegistry, TEST_PSEUDONYM_KEY } from '../testing/legacy-fixtures';
import { MappedRecord, RejectedRecord } from './record-mapper';

const ROUND_COLUMNS = [
  'Event ID',
  'Event Date',
  'Round',
  'Vehicle',
  'Crew Task',
  'Level',
  'UPRN',
  'USRN',
  'Service',
  'Container',
  'Event Type',
  'Sub Reason',
  'Event Code',
  'Latitude',
  'Longitude',
  'Photo',
];

const GOOD_ROW: Record<string, string> = {
  'Event ID': '4410231',
  'Event Date': '02/07/2026 06:55:00',
  Round: 'REF-MON-3',
  Vehicle: 'WX71 KRB',
  'Crew Task': 'Collect refuse',
  Level: 'Property',
  UPRN: '100061915100',
  USRN: '31700412',
  Service: 'Refuse',
  Container: 'refuse-240l',
  'Event Type': 'Excess waste',
  'Sub Reason': 'Side waste',
  'Event Code': 'EXW',
  Latitude: '50.8321',
  Longitude: '-0.2746',
  Photo: '',
};

const RECORDED_AT = new Date('2026-11-03T09:00:00Z');
const registry = adurRegistry();

function mapRound(changes: Record<string, string> = {}, columns = ROUND_COLUMNS) {
  const row = { ...GOOD_ROW, ...changes };
  const mapper = registry.mapper('adur', 'round-events').bind(columns);
  return mapper.map({ line: 7, values: columns.map((column) => row[column]) }, RECORDED_AT);
}

describe('RecordMapper', () => {
  it('turns a round event into a CollectionEventRecorded with every envelope field filled', () => {
    const result = mapRound() as MappedRecord;
    expect(result.ok).toBe(true);
    expect(result.event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventType: 'CollectionEventRecorded',
      occurredAt: new Date('2026-07-02T05:55:00Z'),
      recordedAt: RECORDED_AT,
      sourceSystem: 'bartec-collective',
      council: 'E07000223',
      correlationId: result.event.eventId,
      causationId: null,
      subjectKey: pseudonymise('100061915100', TEST_PSEUDONYM_KEY),
      classification: 'OFFICIAL',
      payload: {
        level: 'PROPERTY',
        reason: { level1: 'EXCESS_WASTE', level2: 'SIDE_WASTE', description: 'Excess waste' },
        sourceEventCode: 'EXW',
        uprn: '100061915100',
        usrn: '31700412',
        service: 'REFUSE',
        round: 'REF-MON-3',
        task: 'Collect refuse',
        containerType: 'refuse-240l',
        geo: { latitude: 50.8321, longitude: -0.2746 },
        imageRef: null,
        vehicleRef: 'WX71 KRB',
      },
    });
  });

  it('derives the event id from the natural key only, so a re-export with changes keeps it', () => {
    const first = mapRound() as MappedRecord;
    const again = mapRound({ Photo: 'incab/1.jpg', Round: 'REF-MON-4' }) as MappedRecord;
    const other = mapRound({ 'Event ID': '4410232' }) as MappedRecord;
    expect(again.event.eventId).toBe(first.event.eventId);
    expect(other.event.eventId).not.toBe(first.event.eventId);
  });

  it('keys a street-level event by its USRN when it has no UPRN', () => {
    const result = mapRound({ Level: 'Street', UPRN: '', 'Event Type': 'Street completed' });
    expect(result.ok).toBe(true);
    expect((result as MappedRecord).event.subjectKey).toBe(
      pseudonymise('31700412', TEST_PSEUDONYM_KEY),
    );
  });

  it('maps an unknown event type to the fallback symbol and keeps the source wording', () => {
    const { event } = mapRound({ 'Event Type': 'Fox in bin' }) as MappedRecord;
    expect(event.payload).toMatchObject({ reason: { level1: 'OTHER', description: 'Fox in bin' } });
  });

  it('sets an optional nested record to null when none of its fields has a value', () => {
    const { event } = mapRound({ Latitude: '', Longitude: '' }) as MappedRecord;
    expect(event.payload).toMatchObject({ geo: null });
  });

  it.each([
    [
      'a UPRN with a letter',
      { UPRN: '1000619153X4' },
      'UPRN',
      '1000619153X4',
      'expected a UPRN of 1 to 12 digits, e.g. 000000199356',
    ],
    [
      'a day that does not exist',
      { 'Event Date': '31/11/2026 10:12:44' },
      'Event Date',
      '31/11/2026 10:12:44',
      'expected a date in the form dd/MM/yyyy HH:mm:ss, e.g. 31/12/2026 14:05:00',
    ],
    ['a missing required date', { 'Event Date': ' ' }, 'Event Date', '', 'a value is required'],
    [
      'a level outside the code table',
      { Level: 'Estate' },
      'Level',
      'Estate',
      'expected one of the codes Property, Street',
    ],
    [
      'a latitude that is not a number',
      { Latitude: '50,83' },
      'Latitude',
      '50,83',
      'expected a number',
    ],
    [
      'an event code longer than the standard allows',
      { 'Event Code': 'X'.repeat(21) },
      'Event Code',
      'X'.repeat(21),
      'expected at most 20 characters, found 21',
    ],
    [
      'neither a UPRN nor a USRN to key it by',
      { UPRN: '', USRN: '' },
      'UPRN',
      '',
      'expected a value to key CollectionEventRecorded by',
    ],
    ['only half a point', { Longitude: '' }, 'Longitude', '', 'a value is required'],
  ])(
    'rejects %s, naming the column, the value and what was expected',
    (_case, changes, field, value, reason) => {
      const result = mapRound(changes) as RejectedRecord;
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ line: 7, field, value, reason });
      expect(result.record).toMatchObject({ ...GOOD_ROW, ...changes });
    },
  );

  it('says how many more problems a record has', () => {
    const result = mapRound({ UPRN: 'x', Latitude: 'y' }) as RejectedRecord;
    expect(result.reason).toMatch(/\(and 1 more problem\)$/);
  });

  it('reads columns by name whatever their order, and blank for a missing optional column', () => {
    const columns = [...ROUND_COLUMNS].reverse().filter((column) => column !== 'Photo');
    const result = mapRound({}, columns) as MappedRecord;
    expect(result.ok).toBe(true);
    expect(result.event.payload).toMatchObject({ imageRef: null, round: 'REF-MON-3' });
  });

  it('routes Bartec service requests to an event type by their service type', () => {
    const columns = registry.mapper('adur', 'bartec-service-requests').sourceFields;
    const mapper = registry.mapper('adur', 'bartec-service-requests').bind(columns);
    const row = (type: string) =>
      columns.map(
        (column) =>
          ({
            ServiceCode: 'SR1',
            'ServiceType.Description': type,
            DateRequested: '2026-11-02T10:00:00',
            UPRN: '100061915100',
            ServiceLocationDescription: 'By the bus stop',
          })[column],
      );
    const missed = mapper.map({ line: 1, values: row('Missed Collection - Food') }, RECORDED_AT);
    const vehicle = mapper.map({ line: 1, values: row('Abandoned Vehicle') }, RECORDED_AT);
    const other = mapper.map({ line: 1, values: row('Graffiti') }, RECORDED_AT);
    expect((missed as MappedRecord).event).toMatchObject({
      eventType: 'MissedCollectionReported',
      correlationId: 'SR1',
      payload: { caseReference: 'SR1', service: 'FOOD', channel: 'UNKNOWN', scheduledDate: null },
    });
    expect((vehicle as MappedRecord).event).toMatchObject({
      eventType: 'AbandonedVehicleReported',
      subjectKey: pseudonymise('SR1', TEST_PSEUDONYM_KEY),
      payload: { location: { description: 'By the bus stop', geo: null }, registrationMark: null },
    });
    expect(other).toMatchObject({
      ok: false,
      field: 'ServiceType.Description',
      value: 'Graffiti',
      reason: expect.stringMatching(
        /^expected one of Missed Collection - Refuse, .*Abandoned Vehicle$/,
      ),
    });
  });
});
