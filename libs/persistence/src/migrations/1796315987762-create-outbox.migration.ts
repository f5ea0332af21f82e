import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_NOW } from '../database/sql-dialect';
import { migrationKind } from './migration-kind';

/**
 * Messages written in the same transaction as the change they announce, published to Kafka
 * afterwards by the outbox relay in `sequence` order. `sent_at` stays null until the broker
 * has acknowledged the message; the partial index keeps finding pending rows cheap however
 * many sent rows are kept.
 */
export class CreateOutbox1796315987762 implements MigrationInterface {
  readonly name = 'CreateOutbox1796315987762';

  async up(runner: QueryRunner): Promise<void> {
    if (migrationKind(runner) === 'postgres') {
      // 249 characters is Kafka's limit on a topic name.
      await runner.query(`
        CREATE TABLE outbox (
          sequence bigserial PRIMARY KEY,
          topic varchar(249) NOT NULL,
          "key" bytea NULL,
          "value" bytea NOT NULL,
          headers text NOT NULL DEFAULT '{}',
          created_at timestamptz NOT NULL DEFAULT now(),
          sent_at timestamptz NULL
        )`);
    } else {
      // AUTOINCREMENT: a sequence is never reused, even after the newest rows are pruned.
      await runner.query(`
        CREATE TABLE outbox (
          sequence INTEGER PRIMARY KEY AUTOINCREMENT,
          topic TEXT NOT NULL,
          "key" BLOB NULL,
          "value" BLOB NOT NULL,
          headers TEXT NOT NULL DEFAULT '{}',
          created_at TEXT NOT NULL DEFAULT (${SQLITE_NOW}),
          sent_at TEXT NULL
        )`);
    }
    await runner.query('CREATE INDEX outbox_pending ON outbox (sequence) WHERE sent_at IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE outbox');
  }
}
