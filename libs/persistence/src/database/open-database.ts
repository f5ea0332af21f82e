import { DataSource, DataSourceOptions } from 'typeorm';
import { classifyError, driverFailure } from '../errors/classify-driver-error';
import { PersistenceError } from '../errors/persistence.error';
import { PERSISTENCE_MIGRATIONS } from '../migrations/persistence-migrations';
import { ADVISORY_LOCKS } from './advisory-locks';
import { DatabaseKind } from './database-kind';
import { TypeOrmLogAdapter } from './typeorm-log.adapter';
import {
  DatabaseOptions,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_POOL_SIZE,
  MIGRATIONS_TABLE,
  redactUrl,
} from './database-options';

const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:']);

/**
 * Opens the database the options name (PostgreSQL when `url` is set, else the SQLite file),
 * runs every pending migration (this library's, then the caller's) and returns the open
 * DataSource. The schema only ever changes through migrations: `synchronize` stays off.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<DataSource> {
  const kind = validate(opts);
  const ds = new DataSource(dataSourceOptions(kind, opts));
  try {
    await ds.initialize();
  } catch (err) {
    throw driverFailure(err, kind, `open ${describeTarget(kind, opts)}`);
  }
  try {
    await runMigrations(ds, kind);
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw migrationFailure(err, kind, opts);
  }
  return ds;
}

function validate(opts: DatabaseOptions): DatabaseKind {
  const url = opts.url ?? '';
  if (url === '') {
    if (opts.sqlitePath.trim() === '') {
      throw invalid('sqlitePath is empty: name the SQLite file, e.g. data/joinedup.sqlite', opts);
    }
    return 'sqlite';
  }
  if (!POSTGRES_SCHEMES.has(schemeOf(url))) {
    throw invalid(
      `url ${JSON.stringify(redactUrl(url))} is not a PostgreSQL URL: ` +
        'expected postgres://user:password@host:5432/database, or no url for SQLite',
      opts,
    );
  }
  return 'postgres';
}

function schemeOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

function invalid(message: string, opts: DatabaseOptions): PersistenceError {
  return new PersistenceError('INVALID_ARGUMENT', message, {
    operation: 'open database',
    url: opts.url ? redactUrl(opts.url) : undefined,
    sqlitePath: opts.sqlitePath,
  });
}

function dataSourceOptions(kind: DatabaseKind, opts: DatabaseOptions): DataSourceOptions {
  const migrations = [...new Set([...PERSISTENCE_MIGRATIONS, ...(opts.migrations ?? [])])];
  const common = {
    entities: opts.entities ?? [],
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    logger: new TypeOrmLogAdapter(),
  };
  if (kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: opts.url,
      poolSize: opts.poolSize ?? DEFAULT_POOL_SIZE,
      applicationName: 'joinedup',
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: opts.sqlitePath,
    timeout: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    enableWAL: true,
    // WAL with synchronous=NORMAL may lose the last commits on power loss; a consumer that has
    // committed its Kafka offset after such a commit would then never see the event again.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = FULL');
    },
  };
}

/**
 * On PostgreSQL several processes may start at once against one database; the advisory lock
 * makes the second wait and then find nothing pending, instead of racing the first.
 */
async function runMigrations(ds: DataSource, kind: DatabaseKind): Promise<void> {
  if (kind === 'sqlite') {
    await ds.runMigrations();
    return;
  }
  const lockHolder = ds.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
    try {
      await ds.runMigrations();
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]);
    }
  } finally {
    await lockHolder.release();
  }
}

function migrationFailure(err: unknown, kind: DatabaseKind, opts: DatabaseOptions): unknown {
  const classified = classifyError(err, kind, 'run migrations');
  if (classified instanceof PersistenceError && classified.retriable) return classified;
  const reason = err instanceof Error ? err.message : String(err);
  return new PersistenceError(
    'MIGRATION_FAILED',
    `migrating ${describeTarget(kind, opts)} failed: ${reason}`,
    { operation: 'run migrations', driverCode: driverCodeOf(classified) },
    { cause: err },
  );
}

function driverCodeOf(err: unknown): string | undefined {
  return err instanceof PersistenceError ? err.context.driverCode : undefined;
}

function describeTarget(kind: DatabaseKind, opts: DatabaseOptions): string {
  return kind === 'postgres'
    ? `PostgreSQL database ${redactUrl(opts.url ?? '')}`
    : `SQLite database ${opts.sqlitePath}`;
}
