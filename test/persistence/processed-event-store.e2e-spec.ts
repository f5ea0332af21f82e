import { DataSource } from 'typeorm';
import { setLogLevel } from '@joinedup/logging';
import {
  DatabaseOptions,
  isRetriablePersistenceError,
  openDatabase,
  ProcessedEventStore,
  UnitOfWork,
} from '@joinedup/persistence';
import { uniqueName } from '../support/broker-harness';
import { describeEachDatabase } from '../support/databases';
import { spawnTs, waitForExit, waitForLine } from '../support/spawn-ts';

jest.setTimeout(60_000);
setLogLevel('error');

const HOLD_MS = 1500;

function targetOf(options: DatabaseOptions): string {
  return options.url || options.sqlitePath;
}

describeEachDatabase('ProcessedEventStore.claim', (db) => {
  let ds: DataSource;
  let uow: UnitOfWork;
  const store = new ProcessedEventStore();

  beforeAll(async () => {
    ds = await openDatabase(db.options());
    uow = new UnitOfWork(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  const claim = (consumer: string, eventId: string): Promise<boolean> =>
    uow.run((tx) => store.claim(tx, consumer, eventId));

  it('is true the first time and false once a committed transaction has claimed the event', async () => {
    const consumer = uniqueName('once');
    expect(await claim(consumer, 'e-1')).toBe(true);
    expect(await claim(consumer, 'e-1')).toBe(false);
    expect(await claim(consumer, 'e-1')).toBe(false);
  });

  it('is false for a second claim in the same transaction, which still commits', async () => {
    const consumer = uniqueName('same-tx');
    const results = await uow.run(async (tx) => [
      await store.claim(tx, consumer, 'e-1'),
      await store.claim(tx, consumer, 'e-1'),
    ]);
    expect(results).toEqual([true, false]);
    expect(await claim(consumer, 'e-1')).toBe(false);
  });

  it('forgets a claim whose transaction rolled back, so the event is handled again', async () => {
    const consumer = uniqueName('rolled-back');
    const failing = uow.run(async (tx) => {
      expect(await store.claim(tx, consumer, 'e-1')).toBe(true);
      throw new Error('handler failed');
    });
    await expect(failing).rejects.toThrow('handler failed');
    expect(await claim(consumer, 'e-1')).toBe(true);
  });

  it('keeps consumers apart: each consumer claims the same event once', async () => {
    const event = uniqueName('shared-event');
    const [a, b] = [uniqueName('consumer-a'), uniqueName('consumer-b')];
    expect(await claim(a, event)).toBe(true);
    expect(await claim(b, event)).toBe(true);
    expect(await claim(a, event)).toBe(false);
  });

  it('gives exactly one true among many concurrent claims of one event, and no false alarm', async () => {
    const consumer = uniqueName('race');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => claim(consumer, 'e-1')),
    );
    const wins = outcomes.filter((o) => o.status === 'fulfilled' && o.value === true);
    const losses = outcomes.filter((o) => o.status === 'fulfilled' && o.value === false);
    const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(wins).toHaveLength(1);
    expect(losses.length + errors.length).toBe(19);
    expect(errors.filter((err) => !isRetriablePersistenceError(err))).toEqual([]);
  });

  it.each([
    ['commit', false],
    ['rollback', true],
  ])(
    'waits for another process holding the same claim, then gets %s => %s',
    async (outcome, expected) => {
      const consumer = uniqueName('cross-process');
      const child = spawnTs('test/persistence/fixtures/hold-claim.ts', [
        targetOf(db.options()),
        consumer,
        'e-1',
        String(HOLD_MS),
        outcome,
      ]);
      try {
        expect(await waitForLine(child, /"claimed"/)).toBe('{"claimed":true}');
        const started = Date.now();
        const claimed = await claim(consumer, 'e-1');
        const waited = Date.now() - started;

        expect(claimed).toBe(expected);
        // The child was still holding its transaction: the claim had to wait for it to end.
        expect(waited).toBeGreaterThan(HOLD_MS / 3);
        expect(await waitForExit(child)).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it.each([
    ['an empty consumer', '', 'e-1'],
    ['an empty event id', 'consumer', ''],
    ['an event id over 255 characters', 'consumer', 'x'.repeat(256)],
  ])('rejects %s with INVALID_ARGUMENT and writes nothing', async (_, consumer, eventId) => {
    const claiming = uow.run((tx) => store.claim(tx, consumer, eventId));
    await expect(claiming).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', retriable: false });
    const rows: unknown[] = await ds.query(
      "SELECT 1 FROM processed_event WHERE consumer IN ('', 'consumer')",
    );
    expect(rows).toEqual([]);
  });
});
