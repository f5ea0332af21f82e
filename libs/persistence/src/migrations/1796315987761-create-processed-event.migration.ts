import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_NOW } from '../database/sql-dialect';
import { migrationKind } from './migration-kind';

/**
 * One row per (consumer, event id) that a consumer has handled in a committed transaction:
 * the record an idempotent consumer checks before acting on a redelivered event.
 */
export class CreateProcessedEvent1796315987761 implements MigrationInterface {
  readonly name = 'CreateProcessedEvent1796315987761';

  async up(runner: QueryRunner): Promise<void> {
    if (migrationKind(runner) === 'postgres') {
      await runner.query(`
        CREATE TABLE processed_event (
          consumer varchar(255) NOT NULL,
          event_id varchar(255) NOT NULL,
          processed_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT processed_event_pkey PRIMARY KEY (consumer, event_id)
        )`);
      return;
    }
    // WITHOUT ROWID: the table is only ever reached through its text primary key.
    await runner.query(`
      CREATE TABLE processed_event (
        consumer TEXT NOT NULL,
        event_id TEXT NOT NULL,
        processed_at TEXT NOT NULL DEFAULT (${SQLITE_NOW}),
        PRIMARY KEY (consumer, event_id)
      ) WITHOUT ROWID`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE processed_event');
  }
}
