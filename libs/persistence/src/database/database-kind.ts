import { DataSource } from 'typeorm';
import { PersistenceError } from '../errors/persistence.error';

/** The two databases the project supports: SQLite for one process, PostgreSQL for more. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Which of the supported databases a DataSource opened by openDatabase talks to. */
export function databaseKindOf(ds: DataSource): DatabaseKind {
  const type = ds.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  throw new PersistenceError(
    'INVALID_ARGUMENT',
    `DataSource type ${JSON.stringify(type)} is not supported: open it with openDatabase, ` +
      'which gives better-sqlite3 or postgres',
    { operation: 'detect database kind', type },
  );
}
