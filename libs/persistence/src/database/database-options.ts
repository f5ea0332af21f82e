/** A class, as TypeORM takes entities and migrations. */
export type ClassType = abstract new (...args: never[]) => unknown;

export interface DatabaseOptions {
  /** postgres://user:password@host:port/database; absent or empty means SQLite. */
  url?: string;
  /** SQLite database file, used when url is absent or empty; its folder is created. */
  sqlitePath: string;
  /** TypeORM entity classes of the calling module. */
  entities?: ClassType[];
  /**
   * TypeORM migration classes of the calling module; they run after this library's own, in
   * the order of the timestamp that ends each class name.
   */
  migrations?: ClassType[];
  /** SQLite: how long a statement waits for another connection's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** PostgreSQL: most connections in the pool. Default 10. */
  poolSize?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_POOL_SIZE = 10;
export const MIGRATIONS_TABLE = 'schema_migration';

/** The URL with its password replaced, fit for an error message or a log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
