import { DataSource } from 'typeorm';
import { databaseKindOf, DatabaseOptions, openDatabase } from '@joinedup/persistence';
import { CreateLegacyIntake1796400000001 } from './1796400000001-create-legacy-intake.migration';

/** The migrations of legacy intake's tables; pass them to openDatabase with the others. */
export const LEGACY_WASTE_MIGRATIONS = [CreateLegacyIntake1796400000001];

/** Opens (and migrates) a database for legacy intake alone, SQLite or PostgreSQL. */
export function openLegacyWasteDatabase(
  options: Omit<DatabaseOptions, 'migrations'>,
): Promise<DataSource> {
  return openDatabase({ ...options, migrations: LEGACY_WASTE_MIGRATIONS });
}

/** Placeholders for the database's dialect: `?` for SQLite, `$n` for PostgreSQL. */
export function placeholders(ds: DataSource): (index: number) => string {
  return databaseKindOf(ds) === 'postgres' ? (index) => `$${index}` : () => '?';
}

/** Dates as the columns hold them: ISO text in SQLite, Date in PostgreSQL. */
export function timeParam(ds: DataSource, value: Date): Date | string {
  return databaseKindOf(ds) === 'postgres' ? value : value.toISOString();
}
