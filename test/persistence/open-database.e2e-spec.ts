import { MigrationInterface, QueryRunner } from 'typeorm';
import { setLogLevel } from '@joinedup/logging';
import { openDatabase, PERSISTENCE_MIGRATIONS, PersistenceError } from '@joinedup/persistence';
import { describeEachDatabase } from '../support/databases';

jest.setTimeout(30_000);
setLogLevel('error');

/** A module of another lib adding its own table, as the backbone and later apps will. */
class CreateAuditNote1796316000000 implements MigrationInterface {
  readonly name = 'CreateAuditNote1796316000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE audit_note (id integer PRIMARY KEY, note text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_note');
  }
}

class AddAuditNoteAuthor1796316000001 implements MigrationInterface {
  readonly name = 'AddAuditNoteAuthor1796316000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query("ALTER TABLE audit_note ADD COLUMN author text NOT NULL DEFAULT 'system'");
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE audit_note DROP COLUMN author');
  }
}

class BrokenMigration1796316000002 implements MigrationInterface {
  readonly name = 'BrokenMigration1796316000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE audit_note (id integer PRIMARY KEY)');
  }
  async down(): Promise<void> {}
}

async function appliedMigrations(ds: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const rows: { name: string }[] = await ds.query('SELECT name FROM schema_migration ORDER BY id');
  return rows.map((row) => row.name);
}

describeEachDatabase('openDatabase', (db) => {
  it('runs the migrations once even when several processes open the database at once', async () => {
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase(db.options())));
    try {
      expect(await appliedMigrations(opened[0])).toEqual(PERSISTENCE_MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(opened.map((ds) => ds.destroy()));
    }
  });

  it('is idempotent on reopen: nothing runs again and the tables keep their rows', async () => {
    const first = await openDatabase(db.options());
    await first.query("INSERT INTO processed_event (consumer, event_id) VALUES ('c', 'e-1')");
    await first.destroy();

    const again = await openDatabase(db.options());
    try {
      expect(await appliedMigrations(again)).toHaveLength(PERSISTENCE_MIGRATIONS.length);
      expect(await again.query('SELECT event_id FROM processed_event')).toEqual([
        { event_id: 'e-1' },
      ]);
    } finally {
      await again.destroy();
    }
  });

  it("combines another module's migrations with its own, running only the new ones", async () => {
    const withAudit = await openDatabase({
      ...db.options(),
      migrations: [CreateAuditNote1796316000000],
    });
    await withAudit.query("INSERT INTO audit_note (id, note) VALUES (1, 'kept')");
    await withAudit.destroy();

    const later = await openDatabase({
      ...db.options(),
      migrations: [AddAuditNoteAuthor1796316000001, CreateAuditNote1796316000000],
    });
    try {
      expect(await appliedMigrations(later)).toEqual([
        ...PERSISTENCE_MIGRATIONS.map((m) => m.name),
        'CreateAuditNote1796316000000',
        'AddAuditNoteAuthor1796316000001',
      ]);
      expect(await later.query('SELECT note, author FROM audit_note')).toEqual([
        { note: 'kept', author: 'system' },
      ]);
    } finally {
      await later.destroy();
    }
  });

  it('stops with MIGRATION_FAILED naming the database, leaving earlier migrations applied', async () => {
    const opening = openDatabase({
      ...db.options(),
      migrations: [CreateAuditNote1796316000000, BrokenMigration1796316000002],
    });
    await expect(opening).rejects.toMatchObject({ code: 'MIGRATION_FAILED', retriable: false });
    await expect(opening).rejects.toThrow(db.kind === 'sqlite' ? /SQLite database/ : /PostgreSQL/);

    const reopened = await openDatabase(db.options());
    try {
      expect(await appliedMigrations(reopened)).not.toContain('BrokenMigration1796316000002');
    } finally {
      await reopened.destroy();
    }
  });

  if (db.kind === 'sqlite') {
    it('opens SQLite in WAL mode with full fsync on commit', async () => {
      const ds = await openDatabase(db.options());
      try {
        expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
        expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      } finally {
        await ds.destroy();
      }
    });
  }
});

describe('openDatabase options', () => {
  it.each([
    [{ url: 'mysql://u:secret@host/db', sqlitePath: 'x.sqlite' }, /not a PostgreSQL URL/],
    [{ url: '', sqlitePath: '  ' }, /sqlitePath is empty/],
  ])('rejects %j with INVALID_ARGUMENT', async (options, message) => {
    const opening = openDatabase(options);
    await expect(opening).rejects.toBeInstanceOf(PersistenceError);
    await expect(opening).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', retriable: false });
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.not.toThrow(/secret/);
  });

  it('reports an unreachable PostgreSQL server as a retriable connection failure', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const opening = openDatabase({ url: 'postgres://u:secret@127.0.0.1:1/db', sqlitePath: '' });
    await expect(opening).rejects.toMatchObject({ code: 'CONNECTION_FAILED', retriable: true });
    await expect(opening).rejects.not.toThrow(/secret/);
  });
});
