import { DatabaseKind } from './database-kind';

/**
 * The few places where the SQL of SQLite and PostgreSQL differ for this library: parameter
 * placeholders and the current time. SQLite keeps times as ISO-8601 text in UTC with
 * milliseconds, which sorts and compares in time order.
 */
export interface SqlDialect {
  readonly kind: DatabaseKind;
  /** SQL for the current time, in the form the timestamp columns hold. */
  readonly now: string;
  /** Placeholder of the 1-based parameter `index`. */
  param(index: number): string;
  /** Comma-separated placeholders for `count` parameters starting at `first`. */
  params(count: number, first?: number): string;
}

export const SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

const SQLITE: SqlDialect = {
  kind: 'sqlite',
  now: SQLITE_NOW,
  param: () => '?',
  params: (count) => Array.from({ length: count }, () => '?').join(', '),
};

const POSTGRES: SqlDialect = {
  kind: 'postgres',
  now: 'now()',
  param: (index) => `$${index}`,
  params: (count, first = 1) => Array.from({ length: count }, (_, i) => `$${first + i}`).join(', '),
};

export function dialectOf(kind: DatabaseKind): SqlDialect {
  return kind === 'sqlite' ? SQLITE : POSTGRES;
}
