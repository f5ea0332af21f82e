import { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseKindOf } from '@joinedup/persistence';

/**
 * Rejections of legacy intake, kept until corrected, and the files processed, by content
 * hash. `record` holds the rejected record's source fields as JSON text so that it can be
 * corrected; it can hold addresses and identifiers, so the table is as sensitive as the feed.
 */
export class CreateLegacyIntake1796400000001 implements MigrationInterface {
  readonly name = 'CreateLegacyIntake1796400000001';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = databaseKindOf(runner.connection) === 'postgres';
    const time = postgres ? 'timestamptz' : 'TEXT';
    const text = postgres ? 'text' : 'TEXT';
    await runner.query(`
      CREATE TABLE legacy_rejection (
        id ${text} PRIMARY KEY,
        council ${text} NOT NULL,
        feed ${text} NOT NULL,
        file ${text} NOT NULL,
        line integer NOT NULL,
        field ${text} NOT NULL,
        "value" ${text} NOT NULL,
        reason ${text} NOT NULL,
        record ${text} NULL,
        status ${text} NOT NULL,
        created_at ${time} NOT NULL,
        resolved_at ${time} NULL,
        event_id ${text} NULL
      )`);
    await runner.query(
      'CREATE INDEX legacy_rejection_by_council ON legacy_rejection (council, status, created_at)',
    );
    await runner.query(`
      CREATE TABLE legacy_processed_file (
        content_hash ${text} PRIMARY KEY,
        council ${text} NOT NULL,
        feed ${text} NOT NULL,
        file ${text} NOT NULL,
        events integer NOT NULL,
        rejections integer NOT NULL,
        processed_at ${time} NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE legacy_processed_file');
    await runner.query('DROP TABLE legacy_rejection');
  }
}
