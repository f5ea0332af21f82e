import {
  Column,
  DataSource,
  Entity,
  MigrationInterface,
  PrimaryColumn,
  QueryRunner,
} from 'typeorm';
import { setLogLevel } from '@joinedup/logging';
import {
  openDatabase,
  PersistenceError,
  ProcessedEventStore,
  UnitOfWork,
} from '@joinedup/persistence';
import { uniqueName } from '../support/broker-harness';
import { describeEachDatabase } from '../support/databases';

jest.setTimeout(30_000);
setLogLevel('error');

/** An entity of another module, saved through TypeORM inside the unit of work. */
@Entity('collection_note')
class CollectionNote {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'text' })
  note!: string;
}

class CreateCollectionNote1796317000000 implements MigrationInterface {
  readonly name = 'CreateCollectionNote1796317000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE collection_note (id varchar(64) PRIMARY KEY, note text NOT NULL)',
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE collection_note');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('UnitOfWork', (db) => {
  let ds: DataSource;
  let uow: UnitOfWork;
  const store = new ProcessedEventStore();

  beforeAll(async () => {
    ds = await openDatabase({
      ...db.options(),
      entities: [CollectionNote],
      migrations: [CreateCollectionNote1796317000000],
    });
    uow = new UnitOfWork(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  async function processedIds(consumer: string): Promise<string[]> {
    const placeholder = db.kind === 'postgres' ? '$1' : '?';
    const rows: { event_id: string }[] = await ds.query(
      `SELECT event_id FROM processed_event WHERE consumer = ${placeholder} ORDER BY event_id`,
      [consumer],
    );
    return rows.map((row) => row.event_id);
  }

  it("commits the work's writes and returns its result", async () => {
    const consumer = uniqueName('commit');
    const result = await uow.run(async (tx) => {
      await store.claim(tx, consumer, 'e-1');
      await store.claim(tx, consumer, 'e-2');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await processedIds(consumer)).toEqual(['e-1', 'e-2']);
  });

  it('rolls back everything when the work throws, and rethrows its error unchanged', async () => {
    const consumer = uniqueName('rollback');
    const failure = new Error('handler failed');
    const running = uow.run(async (tx) => {
      await store.claim(tx, consumer, 'e-1');
      throw failure;
    });
    await expect(running).rejects.toBe(failure);
    expect(await processedIds(consumer)).toEqual([]);
  });

  it("never lets a concurrent unit of work see another's uncommitted rows", async () => {
    const consumer = uniqueName('isolation');
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));

    const writer = uow.run(async (tx) => {
      await store.claim(tx, consumer, 'doomed');
      inserted();
      await sleep(150);
      throw new Error('roll back');
    });
    await insertedSignal;
    const seen = await uow.run(async (tx) => {
      const rows: unknown[] = await tx.query(
        `SELECT 1 FROM processed_event WHERE consumer = ${db.kind === 'postgres' ? '$1' : '?'}`,
        [consumer],
      );
      return rows.length;
    });

    await expect(writer).rejects.toThrow('roll back');
    expect(seen).toBe(0);
    expect(await processedIds(consumer)).toEqual([]);
  });

  it('keeps concurrent units of work apart: each commits or rolls back only its own rows', async () => {
    const consumer = uniqueName('apart');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        uow.run(async (tx) => {
          await store.claim(tx, consumer, `e-${i}`);
          await sleep(5);
          if (i % 2 === 1) throw new Error(`odd ${i}`);
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 1 ? 'rejected' : 'fulfilled')),
    );
    expect(await processedIds(consumer)).toEqual(['e-0', 'e-2', 'e-4', 'e-6', 'e-8']);
  });

  it("saves another module's TypeORM entities in the same transaction as the claim", async () => {
    const consumer = uniqueName('entities');
    const save = (id: string, fail: boolean): Promise<void> =>
      uow.run(async (tx) => {
        await store.claim(tx, consumer, id);
        await tx.save(tx.create(CollectionNote, { id, note: 'bin collected' }));
        // A nested transaction becomes a savepoint of this one.
        await tx.transaction((inner) =>
          inner.save(inner.create(CollectionNote, { id: `${id}-nested`, note: 'x' })),
        );
        if (fail) throw new Error('handler failed');
      });

    await save(`${consumer}-kept`, false);
    await expect(save(`${consumer}-lost`, true)).rejects.toThrow('handler failed');

    const notes = await ds.getRepository(CollectionNote).find({ order: { id: 'ASC' } });
    expect(notes.map((n) => n.id).filter((id) => id.startsWith(consumer))).toEqual([
      `${consumer}-kept`,
      `${consumer}-kept-nested`,
    ]);
    expect(await processedIds(consumer)).toEqual([`${consumer}-kept`]);
  });

  it('refuses a unit of work started inside another on the same database', async () => {
    const running = uow.run(() => uow.run(async () => 'inner'));
    await expect(running).rejects.toMatchObject({ code: 'TRANSACTION_MISUSE', retriable: false });
  });

  it('refuses a store call made outside a unit of work', async () => {
    const claiming = store.claim(ds.manager, uniqueName('outside'), 'e-1');
    await expect(claiming).rejects.toBeInstanceOf(PersistenceError);
    await expect(claiming).rejects.toMatchObject({ code: 'TRANSACTION_MISUSE' });
  });

  it('turns a failed statement into a PersistenceError that is not retriable', async () => {
    const running = uow.run((tx) => tx.query('SELECT no_such_column FROM processed_event'));
    await expect(running).rejects.toMatchObject({ code: 'QUERY_FAILED', retriable: false });
  });

  if (db.kind === 'postgres') {
    it('commits nothing, and says so, when the work swallows a failed statement', async () => {
      const consumer = uniqueName('swallowed');
      const running = uow.run(async (tx) => {
        await store.claim(tx, consumer, 'e-1');
        await tx.query('SELECT no_such_column FROM processed_event').catch(() => undefined);
      });
      await expect(running).rejects.toMatchObject({ code: 'TRANSACTION_ABORTED' });
      expect(await processedIds(consumer)).toEqual([]);
    });
  }
});
