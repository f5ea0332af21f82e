import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  DropFolderWatcher,
  DropOutcome,
  IntakeService,
  SqlProcessedFileStore,
  stageDir,
} from '@joinedup/legacy-waste';
import { setLogLevel } from '@joinedup/logging';
import { distinctIds, EXAMPLES_DIR, LegacyWasteHarness, topicOf } from './legacy-waste-harness';

jest.setTimeout(90_000);
setLogLevel('error');

const ROUND_FILE = 'adur-round-events-2026-11-02.csv';
const MISSED_FILE = 'adur-missed-collections-2026-11-03.csv';

describe(DropFolderWatcher.name, () => {
  let harness: LegacyWasteHarness;
  let watcher: DropFolderWatcher | undefined;
  let outcomes: DropOutcome[];
  let dropDir: string;

  const dir = (stage: 'inbox' | 'processing' | 'processed' | 'rejected', feed = 'round-events') =>
    stageDir(dropDir, stage, 'adur', feed);

  async function startWatcher(stableMs = 150): Promise<DropFolderWatcher> {
    watcher = new DropFolderWatcher(harness.councils, harness.intake, {
      dataDir: dropDir,
      pollIntervalMs: 50,
      stableMs,
      retryDelayMs: 200,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await watcher.start();
    return watcher;
  }

  async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`timed out; outcomes so far: ${JSON.stringify(outcomes)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Writes a file the way the convention asks: as name.part, then renamed into place. */
  function drop(name: string, bytes: Buffer | string, feed = 'round-events'): void {
    const part = join(dir('inbox', feed), `${name}.part`);
    writeFileSync(part, bytes);
    renameSync(part, join(dir('inbox', feed), name));
  }

  beforeEach(async () => {
    harness = new LegacyWasteHarness();
    await harness.start();
    dropDir = join(harness.dataDir, 'drop');
    outcomes = [];
  });

  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
    await harness.stop();
  });

  it('creates the folders of every council feed and moves a dropped file to processed', async () => {
    await startWatcher();
    for (const feed of [
      'round-events',
      'missed-collections',
      'in-cab-fixed',
      'bartec-service-requests',
    ]) {
      for (const stage of ['inbox', 'processing', 'processed', 'rejected'] as const) {
        expect(existsSync(dir(stage, feed))).toBe(true);
      }
    }
    drop(ROUND_FILE, readFileSync(join(EXAMPLES_DIR, ROUND_FILE)));
    await until(() => outcomes.length === 1);

    expect(outcomes[0]).toMatchObject({
      file: ROUND_FILE,
      result: 'processed',
      summary: { events: 27, rejections: 2 },
    });
    expect(readdirSync(dir('inbox'))).toEqual([]);
    expect(readdirSync(dir('processing'))).toEqual([]);
    expect(readdirSync(dir('processed'))).toEqual([ROUND_FILE]);
    const events = await harness.readTopic(topicOf('CollectionEventRecorded'), 27);
    expect(events).toHaveLength(27);
  });

  it('never reads the same content twice: a second drop is moved aside as already processed', async () => {
    await startWatcher();
    drop(ROUND_FILE, readFileSync(join(EXAMPLES_DIR, ROUND_FILE)));
    await until(() => outcomes.length === 1);
    drop(ROUND_FILE, readFileSync(join(EXAMPLES_DIR, ROUND_FILE)));
    await until(() => outcomes.length === 2);

    expect(outcomes[1]).toMatchObject({
      result: 'processed',
      summary: { alreadyProcessed: true, events: 0 },
    });
    const processed = readdirSync(dir('processed'));
    expect(processed).toHaveLength(2);
    expect(processed).toContain(ROUND_FILE);
    const renamed = processed.find((name) => name !== ROUND_FILE);
    expect(renamed).toMatch(/^adur-round-events-2026-11-02\.\d{8}T\d{6}-1\.csv$/);
    const events = await harness.readTopic(topicOf('CollectionEventRecorded'), 27);
    expect(events).toHaveLength(27);
    expect(distinctIds(events)).toBe(27);
  });

  it('moves a file that cannot be read to rejected, with the reason beside it', async () => {
    await startWatcher();
    drop('not-a-round-export.csv', 'Name,Colour\nBin,Green\n');
    await until(() => outcomes.length === 1);

    expect(outcomes[0]).toMatchObject({
      result: 'rejected',
      reason: expect.stringContaining('no header row'),
    });
    expect(readdirSync(dir('rejected')).sort()).toEqual([
      'not-a-round-export.csv',
      'not-a-round-export.csv.reason.json',
    ]);
    const note = JSON.parse(
      readFileSync(join(dir('rejected'), 'not-a-round-export.csv.reason.json'), 'utf8'),
    );
    expect(note).toMatchObject({ file: 'not-a-round-export.csv', code: 'FILE_UNREADABLE' });
    expect(readdirSync(dir('processed'))).toEqual([]);
  });

  it('leaves a file being written alone until it is renamed or stops growing', async () => {
    await startWatcher(400);
    const inbox = dir('inbox', 'missed-collections');
    writeFileSync(
      join(inbox, `${MISSED_FILE}.part`),
      readFileSync(join(EXAMPLES_DIR, MISSED_FILE)),
    );
    const growing = join(inbox, 'growing.csv');
    writeFileSync(growing, readFileSync(join(EXAMPLES_DIR, MISSED_FILE)).subarray(0, 200));
    await new Promise((resolve) => setTimeout(resolve, 250));
    writeFileSync(growing, readFileSync(join(EXAMPLES_DIR, MISSED_FILE)));
    await new Promise((resolve) => setTimeout(resolve, 250));

    expect(outcomes).toEqual([]);
    expect(readdirSync(inbox).sort()).toEqual([`${MISSED_FILE}.part`, 'growing.csv']);
    await until(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({
      file: 'growing.csv',
      result: 'processed',
      summary: { events: 8 },
    });
    expect(readdirSync(inbox)).toEqual([`${MISSED_FILE}.part`]);
  });

  it('keeps a file in processing while the broker refuses events, and retries it', async () => {
    let failures = 1;
    const flaky = {
      publish: async (events: Parameters<typeof harness.sink.publish>[0]) => {
        if (failures-- > 0)
          throw Object.assign(new Error('broker unreachable'), { retriable: true });
        await harness.sink.publish(events);
      },
    };
    const intake = new IntakeService(
      harness.councils,
      flaky,
      harness.rejectionStore,
      new SqlProcessedFileStore(harness.db),
    );
    watcher = new DropFolderWatcher(harness.councils, intake, {
      dataDir: dropDir,
      pollIntervalMs: 50,
      stableMs: 50,
      retryDelayMs: 300,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await watcher.start();
    drop(MISSED_FILE, readFileSync(join(EXAMPLES_DIR, MISSED_FILE)), 'missed-collections');
    await until(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({
      result: 'retry',
      reason: expect.stringContaining('broker unreachable'),
    });
    expect(readdirSync(dir('processing', 'missed-collections'))).toEqual([MISSED_FILE]);

    await until(() => outcomes.length === 2);
    expect(outcomes[1]).toMatchObject({ result: 'processed', summary: { events: 8 } });
    expect(readdirSync(dir('processing', 'missed-collections'))).toEqual([]);
    expect(readdirSync(dir('rejected', 'missed-collections'))).toEqual([]);
    expect(await harness.readTopic(topicOf('MissedCollectionReported'), 8)).toHaveLength(8);
  });

  it('resumes a file left in processing by a stop mid-file, publishing no new event ids', async () => {
    await startWatcher();
    drop(ROUND_FILE, readFileSync(join(EXAMPLES_DIR, ROUND_FILE)));
    await until(() => outcomes.length === 1);
    await watcher!.close();

    // As a crash would leave it: a file moved to processing/ and read only partly.
    mkdirSync(dir('processing'), { recursive: true });
    const lines = readFileSync(join(EXAMPLES_DIR, ROUND_FILE), 'utf8').split('\r\n');
    writeFileSync(
      join(dir('processing'), 'round-part-2.csv'),
      lines.slice(0, 20).join('\r\n') + '\r\n',
    );
    copyFileSync(join(EXAMPLES_DIR, ROUND_FILE), join(dir('processing'), 'interrupted.csv'));
    outcomes = [];
    await startWatcher();

    expect(outcomes.map((outcome) => [outcome.file, outcome.result])).toEqual([
      ['interrupted.csv', 'processed'],
      ['round-part-2.csv', 'processed'],
    ]);
    expect(readdirSync(dir('processing'))).toEqual([]);
    const events = await harness.readTopic(topicOf('CollectionEventRecorded'), 27);
    expect(distinctIds(events)).toBe(27);
  });
});
