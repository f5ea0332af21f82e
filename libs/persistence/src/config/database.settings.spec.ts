import { ConfigError, loadConfig } from '@joinedup/config';
import { databaseOptionsFromConfig, databaseSettings } from './database.settings';

describe('databaseSettings', () => {
  it('defaults to the SQLite file data/joinedup.sqlite', () => {
    const config = loadConfig(databaseSettings, { env: {} });
    expect(databaseOptionsFromConfig(config)).toEqual({
      url: undefined,
      sqlitePath: 'data/joinedup.sqlite',
    });
  });

  it('treats an empty DATABASE_URL as SQLite', () => {
    const config = loadConfig(databaseSettings, { env: { DATABASE_URL: '' } });
    expect(databaseOptionsFromConfig(config).url).toBeUndefined();
  });

  it('takes a PostgreSQL URL and the SQLite path from their variables', () => {
    const config = loadConfig(databaseSettings, {
      env: {
        DATABASE_URL: 'postgresql://app:pw@db.internal:5432/joinedup',
        JOINEDUP_SQLITE_PATH: '/var/lib/joinedup/state.sqlite',
      },
    });
    expect(databaseOptionsFromConfig(config, { poolSize: 4 })).toEqual({
      url: 'postgresql://app:pw@db.internal:5432/joinedup',
      sqlitePath: '/var/lib/joinedup/state.sqlite',
      poolSize: 4,
    });
  });

  it('rejects a URL that is not PostgreSQL, naming DATABASE_URL', () => {
    const loading = (): unknown =>
      loadConfig(databaseSettings, { env: { DATABASE_URL: 'mysql://app:pw@db/joinedup' } });
    expect(loading).toThrow(ConfigError);
    expect(loading).toThrow(/databaseUrl \(DATABASE_URL\).*expected postgres:\/\//);
  });

  it('has no command-line flag for DATABASE_URL, which carries a password', () => {
    expect(databaseSettings.databaseUrl.flag).toBeUndefined();
    expect(() => loadConfig(databaseSettings, { env: {}, argv: ['--database-url=x'] })).toThrow(
      /unknown flag/,
    );
  });
});
