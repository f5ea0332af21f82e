import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DatabaseOptions } from '@joinedup/persistence';
import { makeTempDir, removeDir } from './temp-dir';

/** One fresh database for one describe block. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** Options naming this block's database; call it in a test or hook, not at describe time. */
  options(): DatabaseOptions;
}

const ADMIN_URL_VARIABLE = 'JOINEDUP_TEST_DATABASE_URL';

/**
 * Runs `body` twice: on a fresh SQLite file in a temp dir, and on a fresh PostgreSQL database
 * created from the admin URL in JOINEDUP_TEST_DATABASE_URL (e.g.
 * postgres://joinedup:joinedup@127.0.0.1:5432/postgres) and dropped afterwards. Without that
 * variable the PostgreSQL block skips with a one-line reason; with JOINEDUP_REQUIRE_TOOLS=1
 * it fails instead, so CI cannot pass by skipping it.
 */
export function describeEachDatabase(name: string, body: (db: TestDatabase) => void): void {
  describe(`${name} [sqlite]`, () => {
    const db = new SqliteTestDatabase();
    beforeAll(() => db.create());
    afterAll(() => db.drop());
    body(db);
  });

  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  const postgresName = `${name} [postgres]`;
  if (!adminUrl) {
    skipPostgres(postgresName, body);
    return;
  }
  describe(postgresName, () => {
    const db = new PostgresTestDatabase(adminUrl);
    beforeAll(() => db.create());
    afterAll(() => db.drop());
    body(db);
  });
}

function skipPostgres(name: string, body: (db: TestDatabase) => void): void {
  const reason =
    `${ADMIN_URL_VARIABLE} is not set: run \`eval "$(bash .ci/start-postgres.sh)"\` ` +
    'to start PostgreSQL and set it';
  if (process.env.JOINEDUP_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      it('has its PostgreSQL server', () => {
        throw new Error(`${reason} (required because JOINEDUP_REQUIRE_TOOLS=1)`);
      });
    });
    return;
  }
  process.stderr.write(`skipping "${name}": ${reason}\n`);
  describe.skip(name, () => body(notCreated('postgres')));
}

class SqliteTestDatabase implements TestDatabase {
  readonly kind = 'sqlite';
  private dir: string | undefined;

  create(): void {
    this.dir = makeTempDir('sqlite');
  }

  drop(): void {
    if (this.dir) removeDir(this.dir);
  }

  options(): DatabaseOptions {
    if (!this.dir) throw notCreatedError('sqlite');
    return { sqlitePath: path.join(this.dir, 'joinedup.sqlite') };
  }
}

class PostgresTestDatabase implements TestDatabase {
  readonly kind = 'postgres';
  private readonly name = `joinedup_test_${crypto.randomBytes(6).toString('hex')}`;
  private url: string | undefined;

  constructor(private readonly adminUrl: string) {}

  async create(): Promise<void> {
    // template0: template1 refuses to be copied while anyone else is connected to it.
    await this.admin(`CREATE DATABASE ${this.name} TEMPLATE template0`);
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
  }

  async drop(): Promise<void> {
    if (!this.url) return;
    // FORCE ends sessions a failed test left open, so the drop cannot hang or fail on them.
    await this.admin(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  options(): DatabaseOptions {
    if (!this.url) throw notCreatedError('postgres');
    return { url: this.url, sqlitePath: '' };
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

function notCreated(kind: 'sqlite' | 'postgres'): TestDatabase {
  return {
    kind,
    options: () => {
      throw notCreatedError(kind);
    },
  };
}

function notCreatedError(kind: string): Error {
  return new Error(
    `the ${kind} test database does not exist yet: call db.options() inside a test or hook`,
  );
}
