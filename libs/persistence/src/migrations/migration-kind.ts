import { QueryRunner } from 'typeorm';
import { DatabaseKind, databaseKindOf } from '../database/database-kind';

/** Which dialect a migration is running against, so one migration class serves both. */
export function migrationKind(runner: QueryRunner): DatabaseKind {
  return databaseKindOf(runner.connection);
}
