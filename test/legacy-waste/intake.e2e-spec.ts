import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pseudonymise } from '@joinedup/contracts';
import {
  AvroKafkaEventSink,
  IntakeProgress,
  IntakeService,
  LegacyWasteError,
  SqlProcessedFileStore,
} from '@joinedup/legacy-waste';
import { setLogLevel } from '@joinedup/logging';
import {
  distinctIds,
  EXAMPLES_DIR,
  LegacyWasteHarness,
  TEST_KEY,
  topicOf,
} from './legacy-waste-harness';

jest.setTimeout(90_000);
setLogLevel('error');

const ROUND_FILE = 'adur-round-events-2026-11-02.csv';
const COLLECTION_EVENTS = topicOf('CollectionEventRecorded');

function example(name: string): Readable {
  return createReadStream(join(EXAMPLES_DIR, name), { highWaterMark: 1024 });
}

describe('legacy waste intake to the broker', () => {
  const harness = new LegacyWasteHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('publishes every good record of a file with two bad lines and stores the two rejections', async () => {
    const progress: IntakeProgress[] = [];
    const summary = await harness.intake.intake(
      {
        council: 'adur',
        feed: 'round-events',
        fileName: ROUND_FILE,
        source: example(ROUND_FILE),
        totalBytes: readFileSync(join(EXAMPLES_DIR, ROUND_FILE)).length,
      },
      { onProgress: (report) => progress.push(report) },
    );

    expect(summary).toMatchObject({
      alreadyProcessed: false,
      recordsRead: 29,
      events: 27,
      rejections: 2,
      duplicatesSkipped: 0,
      eventsByType: { CollectionEventRecorded: 27 },
    });
    const events = await harness.readTopic(COLLECTION_EVENTS, 27);
    expect(events).toHaveLength(27);
    expect(distinctIds(events)).toBe(27);
    expect(events.every((event) => event.council === 'E07000223')).toBe(true);
    expect(events.map((event) => event.payload.uprn)).not.toContain('1000619153X4');
    const street = events.find((event) => event.payload.level === 'STREET')!;
    expect(street.subjectKey).toBe(pseudonymise(String(street.payload.usrn), TEST_KEY));

    const last = progress[progress.length - 1];
    expect(last).toEqual({
      recordsRead: 29,
      bytesRead: last.totalBytes,
      totalBytes: last.totalBytes,
      events: 27,
      rejections: 2,
    });

    const stored = await harness.rejections.list({ file: ROUND_FILE });
    expect(
      stored.map(({ file, line, field, value, reason, status }) => ({
        file,
        line,
        field,
        value,
        reason,
        status,
      })),
    ).toEqual([
      {
        file: ROUND_FILE,
        line: 21,
        field: 'UPRN',
        value: '1000619153X4',
        reason: 'expected a UPRN of 1 to 12 digits, e.g. 000000199356',
        status: 'OPEN',
      },
      {
        file: ROUND_FILE,
        line: 29,
        field: 'Event Date',
        value: '31/11/2026 10:12:44',
        reason: 'expected a date in the form dd/MM/yyyy HH:mm:ss, e.g. 31/12/2026 14:05:00',
        status: 'OPEN',
      },
    ]);
  });

  it('reports the same file uploaded again as already processed and publishes nothing', async () => {
    const bytes = readFileSync(join(EXAMPLES_DIR, ROUND_FILE));
    const first = await harness.intake.intake({
      council: 'adur',
      feed: 'round-events',
      fileName: 'renamed-copy.csv',
      source: Readable.from([bytes]),
    });
    expect(first).toMatchObject({ alreadyProcessed: true, recordsRead: 0, events: 0 });

    const events = await harness.readTopic(COLLECTION_EVENTS, 27);
    expect(events).toHaveLength(27);
    expect(distinctIds(events)).toBe(27);
    expect(await harness.rejections.list({ file: ROUND_FILE })).toHaveLength(2);
  });

  it('gives the Windows-1252 copy of the file the same event ids, so nothing new arrives downstream', async () => {
    const summary = await harness.intake.intake({
      council: 'adur',
      feed: 'round-events',
      fileName: 'adur-round-events-2026-11-02.windows-1252.csv',
      source: example('adur-round-events-2026-11-02.windows-1252.csv'),
    });
    expect(summary).toMatchObject({ alreadyProcessed: false, events: 27, rejections: 2 });

    const events = await harness.readTopic(COLLECTION_EVENTS, 54);
    expect(events).toHaveLength(54);
    expect(distinctIds(events)).toBe(27);
  });

  it('corrects a rejected record and resubmits it as an event, resolving the rejection', async () => {
    const [bad] = await harness.rejections.list({ file: ROUND_FILE, status: 'OPEN' });
    expect(bad.field).toBe('UPRN');

    await expect(harness.rejections.correct(bad.id, { Colour: 'red' })).rejects.toThrow(
      /has no field "Colour": its fields are Event ID, Event Date/,
    );
    const stillBad = await harness.rejections.correct(bad.id, { UPRN: '10006191X' });
    expect(stillBad).toMatchObject({ status: 'OPEN', field: 'UPRN', value: '10006191X' });
    const unresolved = await harness.rejections.resubmit(bad.id);
    expect(unresolved.resolved).toBe(false);

    const corrected = await harness.rejections.correct(bad.id, { UPRN: '100061999001' });
    expect(corrected).toMatchObject({ status: 'OPEN', reason: 'corrected: ready to resubmit' });
    const outcome = await harness.rejections.resubmit(bad.id);
    expect(outcome).toMatchObject({ resolved: true, rejection: { status: 'RESOLVED' } });

    const events = await harness.readTopic(COLLECTION_EVENTS, 55);
    const resubmitted = events.filter((event) => event.payload.uprn === '100061999001');
    expect(resubmitted).toHaveLength(1);
    expect(resubmitted[0].eventId).toBe(outcome.resolved ? outcome.eventId : '');
    expect(distinctIds(events)).toBe(28);

    await expect(harness.rejections.get('no-such-id')).rejects.toMatchObject({
      code: 'REJECTION_NOT_FOUND',
    });
    const again = await harness.rejections.resubmit(bad.id).catch((err: unknown) => err);
    expect(again).toBeInstanceOf(LegacyWasteError);
    expect((again as LegacyWasteError).code).toBe('REJECTION_NOT_CORRECTABLE');
    expect(await harness.rejections.list({ file: ROUND_FILE, status: 'OPEN' })).toHaveLength(1);
  });

  it('delivers every other record of a file with one bad line', async () => {
    const lines = readFileSync(
      join(EXAMPLES_DIR, 'adur-missed-collections-2026-11-03.csv'),
      'utf8',
    ).split('\n');
    lines[6] = lines[6].replace('100061915191', 'not-a-uprn');
    const summary = await harness.intake.intake({
      council: 'adur',
      feed: 'missed-collections',
      fileName: 'missed-one-bad.csv',
      source: Readable.from([Buffer.from(lines.join('\n'))]),
    });
    expect(summary).toMatchObject({ events: 7, rejections: 1 });

    const events = await harness.readTopic(topicOf('MissedCollectionReported'), 7);
    expect(events.map((event) => event.payload.caseReference).sort()).toEqual([
      'MC-2026-018231',
      'MC-2026-018232',
      'MC-2026-018234',
      'MC-2026-018235',
      'MC-2026-018236',
      'MC-2026-018237',
      'MC-2026-018238',
    ]);
    expect(await harness.rejections.list({ file: 'missed-one-bad.csv' })).toEqual([
      expect.objectContaining({
        line: 7,
        field: 'UPRN',
        value: 'not-a-uprn',
        record: expect.objectContaining({ 'Case Ref': 'MC-2026-018233' }),
      }),
    ]);
  });

  it('takes in Bartec service requests, routing each to its event type and topic', async () => {
    const summary = await harness.intake.intake({
      council: 'adur',
      feed: 'bartec-service-requests',
      fileName: 'bartec-service-requests-several.xml',
      source: example('bartec-service-requests-several.xml'),
    });
    expect(summary.eventsByType).toEqual({
      MissedCollectionReported: 4,
      AbandonedVehicleReported: 2,
    });
    const vehicles = await harness.readTopic(topicOf('AbandonedVehicleReported'), 2);
    expect(vehicles.map((event) => event.payload.registrationMark).sort()).toEqual([
      'ER19NFD',
      null,
    ]);
  });

  it('publishes through a producer thread as well, fixed-width records included', async () => {
    const sink = new AvroKafkaEventSink({
      brokers: [harness.hub.kafka],
      registryUrl: harness.hub.registryUrl,
      producerThread: true,
    });
    try {
      const intake = new IntakeService(
        harness.councils,
        sink,
        harness.rejectionStore,
        new SqlProcessedFileStore(harness.db),
        { batchSize: 2 },
      );
      const summary = await intake.intake({
        council: 'adur',
        feed: 'in-cab-fixed',
        fileName: 'adur-in-cab-2026-11-02.txt',
        source: example('adur-in-cab-2026-11-02.txt'),
      });
      expect(summary).toMatchObject({ events: 6, rejections: 0 });
    } finally {
      await sink.close();
    }
    const events = await harness.readTopic(COLLECTION_EVENTS, 61);
    const inCab = events.filter((event) => event.sourceSystem === 'adur-in-cab');
    expect(inCab).toHaveLength(6);
    expect(inCab.map((event) => event.payload.sourceEventCode)).toEqual([
      'BNO',
      'CON',
      'BLK',
      'EXW',
      'SCM',
      'BNO',
    ]);
    expect(inCab[5].payload.reason).toEqual({
      level1: 'NOT_PRESENTED',
      level2: null,
      description: 'Caf\u00e9 bin not presented',
    });
  });

  it('refuses an unreadable file as a whole, publishing nothing and storing no rejection', async () => {
    const failure = await harness.intake
      .intake({
        council: 'adur',
        feed: 'bartec-premises-events',
        fileName: 'truncated.xml',
        source: Readable.from([
          readFileSync(join(EXAMPLES_DIR, 'bartec-premises-events.xml')).subarray(0, 900),
        ]),
      })
      .catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'FILE_UNREADABLE', retriable: false });
    expect(await harness.rejections.list({ file: 'truncated.xml' })).toEqual([]);
  });
});
