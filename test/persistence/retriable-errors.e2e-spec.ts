import Database from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { setLogLevel } from '@joinedup/logging';
import {
  openDatabase,
  PersistenceError,
  ProcessedEventStore,
  Transaction,
  UnitOfWork,
} from '@joinedup/persistence';
import { uniqueName } from '../support/broker-harness';
import { describeEachDatabase } from '../support/databases';

jest.setTimeout(30_000);
setLogLevel('error');

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Runs the work and returns the error it failed with; fails the test if it succeeded. */
async function failureOf(running: Promise<unknown>): Promise<PersistenceError> {
  const err = await running.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PersistenceError);
  return err as PersistenceError;
}

describeEachDatabase('retriable PersistenceError', (db) => {
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

  it('is not retriable for a duplicate primary key, which no retry can fix', async () => {
    const consumer = uniqueName('duplicate');
    const insert = (tx: Transaction): Promise<unknown> =>
      tx.query(
        db.kind === 'postgres'
          ? 'INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2)'
          : 'INSERT INTO processed_event (consumer, event_id) VALUES (?, ?)',
        [consumer, 'e-1'],
      );
    await uow.run(insert);
    const err = await failureOf(uow.run(insert));
    expect(err).toMatchObject({ code: 'UNIQUE_VIOLATION', retriable: false });
  });

  if (db.kind === 'sqlite') {
    it('classifies SQLITE_BUSY from a writer on another connection as retriable lock contention', async () => {
      const impatient = await openDatabase({ ...db.options(), busyTimeoutMs: 0 });
      const holder = new Database(db.options().sqlitePath);
      const consumer = uniqueName('busy');
      try {
        holder.exec('BEGIN IMMEDIATE');
        holder
          .prepare('INSERT INTO processed_event (consumer, event_id) VALUES (?, ?)')
          .run(consumer, 'held');

        const err = await failureOf(
          new UnitOfWork(impatient).run((tx) => store.claim(tx, consumer, 'e-1')),
        );
        expect(err).toMatchObject({ code: 'LOCK_CONTENTION', retriable: true });
        expect(err.context.driverCode).toMatch(/^SQLITE_BUSY/);

        holder.exec('COMMIT');
        const retried = await new UnitOfWork(impatient).run((tx) =>
          store.claim(tx, consumer, 'e-1'),
        );
        expect(retried).toBe(true);
      } finally {
        if (holder.inTransaction) holder.exec('ROLLBACK');
        holder.close();
        await impatient.destroy();
      }
    });
  }

  if (db.kind === 'postgres') {
    let holder: Client;

    beforeEach(async () => {
      holder = new Client({ connectionString: db.options().url });
      await holder.connect();
    });

    afterEach(async () => {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    });

    async function insertRow(consumer: string, eventId: string): Promise<void> {
      await holder.query('INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2)', [
        consumer,
        eventId,
      ]);
    }

    it('classifies a lock_timeout (55P03) behind another transaction as retriable', async () => {
      const consumer = uniqueName('lock-timeout');
      await holder.query('BEGIN');
      await insertRow(consumer, 'e-1');

      const err = await failureOf(
        uow.run(async (tx) => {
          await tx.query("SET LOCAL lock_timeout = '200ms'");
          return store.claim(tx, consumer, 'e-1');
        }),
      );
      expect(err).toMatchObject({ code: 'LOCK_CONTENTION', retriable: true });
      expect(err.context).toMatchObject({
        driverCode: '55P03',
        operation: 'claim processed event',
      });

      await holder.query('ROLLBACK');
      expect(await uow.run((tx) => store.claim(tx, consumer, 'e-1'))).toBe(true);
    });

    it('classifies a serialization failure (40001) as retriable', async () => {
      const consumer = uniqueName('serialization');
      await insertRow(consumer, 'e-1');
      const snapshotTaken = deferred();
      const concurrentUpdate = deferred();

      const running = uow.run(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await tx.query('SELECT processed_at FROM processed_event WHERE consumer = $1', [consumer]);
        snapshotTaken.resolve();
        await concurrentUpdate.promise;
        await tx.query('UPDATE processed_event SET processed_at = now() WHERE consumer = $1', [
          consumer,
        ]);
      });
      await snapshotTaken.promise;
      await holder.query('UPDATE processed_event SET processed_at = now() WHERE consumer = $1', [
        consumer,
      ]);
      concurrentUpdate.resolve();

      const err = await failureOf(running);
      expect(err).toMatchObject({ code: 'SERIALIZATION_FAILURE', retriable: true });
      expect(err.context.driverCode).toBe('40001');
    });

    it('classifies a deadlock (40P01) as retriable', async () => {
      const consumer = uniqueName('deadlock');
      await insertRow(consumer, 'a');
      await insertRow(consumer, 'b');
      const update =
        'UPDATE processed_event SET processed_at = now() WHERE consumer = $1 AND event_id = $2';
      const firstLocked = deferred();
      const secondLocked = deferred();

      // The unit of work waits first, so its deadlock_timeout expires first and the server
      // picks it as the victim.
      const running = uow.run(async (tx) => {
        await tx.query(update, [consumer, 'a']);
        firstLocked.resolve();
        await secondLocked.promise;
        await tx.query(update, [consumer, 'b']);
      });
      await firstLocked.promise;
      await holder.query('BEGIN');
      await holder.query(update, [consumer, 'b']);
      secondLocked.resolve();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const holderUpdate = holder.query(update, [consumer, 'a']);

      const err = await failureOf(running);
      expect(err).toMatchObject({ code: 'DEADLOCK', retriable: true });
      expect(err.context.driverCode).toBe('40P01');
      await holderUpdate;
    });

    it('classifies a connection terminated mid-transaction as retriable, and recovers', async () => {
      // Repeated: the driver's error event and the failing query race, and both orders occur.
      for (let round = 0; round < 5; round++) {
        const consumer = uniqueName('terminated');
        const err = await failureOf(
          uow.run(async (tx) => {
            await store.claim(tx, consumer, 'e-1');
            const [{ pid }] = (await tx.query('SELECT pg_backend_pid() AS pid')) as {
              pid: number;
            }[];
            await holder.query('SELECT pg_terminate_backend($1)', [pid]);
            await tx.query('SELECT 1');
          }),
        );
        expect(err).toMatchObject({ code: 'CONNECTION_FAILED', retriable: true });
        expect(await uow.run((tx) => store.claim(tx, consumer, 'e-1'))).toBe(true);
      }
    });
  }
});
