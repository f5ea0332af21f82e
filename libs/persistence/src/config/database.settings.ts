import { ConfigOf, Setting, text } from '@joinedup/config';
import { DatabaseOptions, redactUrl } from '../database/database-options';

const POSTGRES_URL = /^postgres(ql)?:\/\/[^/]+\/[^/?#]+/;

/**
 * DATABASE_URL carries a password, so it has no command-line flag (flags show in `ps`) and
 * its problems are described without echoing it.
 */
const databaseUrl: Setting<string> = {
  env: 'DATABASE_URL',
  secret: true,
  description:
    'PostgreSQL database, postgres://user:password@host:5432/database; empty for SQLite.',
  default: '',
  parse(raw) {
    const url = raw.trim();
    if (url === '') return '';
    if (!POSTGRES_URL.test(url)) {
      throw new Error(
        `expected postgres://user:password@host:5432/database or empty for SQLite, got ${redactUrl(url)}`,
      );
    }
    return url;
  },
};

/** Settings of every app that keeps state in a database: @joinedup/config schema entries. */
export const databaseSettings = {
  databaseUrl,
  sqlitePath: text({
    env: 'JOINEDUP_SQLITE_PATH',
    flag: 'sqlite-path',
    default: 'data/joinedup.sqlite',
    description: 'SQLite database file, used when DATABASE_URL is empty.',
  }),
};

export type DatabaseConfig = ConfigOf<typeof databaseSettings>;

/** The DatabaseOptions a loaded database configuration describes. */
export function databaseOptionsFromConfig(
  config: DatabaseConfig,
  extra: Omit<DatabaseOptions, 'url' | 'sqlitePath'> = {},
): DatabaseOptions {
  return { ...extra, url: config.databaseUrl || undefined, sqlitePath: config.sqlitePath };
}
