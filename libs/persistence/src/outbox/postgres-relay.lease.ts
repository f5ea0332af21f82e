import { createLogger } from '@joinedup/logging';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ADVISORY_LOCKS } from '../database/advisory-locks';
import { driverFailure } from '../errors/classify-driver-error';
import { PersistenceError } from '../errors/persistence.error';
import { RelayLease, StatementResult } from './relay-lease';

const log = createLogger('PostgresRelayLease');

/**
 * The relay lease on PostgreSQL: a session advisory lock on a connection of the relay's own,
 * outside the DataSource's pool. The server drops the lock with the session, so a relay that
 * dies or loses its connection frees the lease for a standby at once; and because the relay's
 * statements run on that same connection, a relay whose lock has gone cannot go on marking
 * rows as sent.
 */
export class PostgresRelayLease implements RelayLease {
  private client: Client | undefined;

  constructor(private readonly ds: DataSource) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  async acquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new Client(clientConfig(this.ds.options as PostgresConnectionOptions));
    client.on('error', (err) => this.onConnectionError(client, err));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [ADVISORY_LOCKS.outboxRelay],
      );
      if (rows[0]?.locked !== true) {
        await client.end();
        return false;
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw driverFailure(err, 'postgres', 'acquire outbox relay lock');
    }
    this.client = client;
    log.info('outbox relay lock acquired');
    return true;
  }

  async execute(sql: string, params: unknown[]): Promise<StatementResult> {
    const client = this.client;
    if (!client) {
      // Every caller acquires first, so only a connection lost since then gets here.
      throw new PersistenceError(
        'CONNECTION_FAILED',
        'the outbox relay lost its connection, and with it the relay lock',
        { operation: 'relay outbox' },
      );
    }
    try {
      const result = await client.query(sql, params);
      return { rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 };
    } catch (err) {
      const failure = driverFailure(err, 'postgres', 'relay outbox');
      if (failure.code === 'CONNECTION_FAILED') await this.release();
      throw failure;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    await client.end().catch(() => undefined);
    log.info('outbox relay lock released');
  }

  /** An idle connection that fails would otherwise crash the process ('error' unhandled). */
  private onConnectionError(client: Client, err: Error): void {
    log.warn('outbox relay connection failed; the relay lock is lost', { error: err });
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
  }
}

function clientConfig(options: PostgresConnectionOptions): ClientConfig {
  const config: ClientConfig = {
    application_name: 'joinedup-outbox-relay',
    connectionTimeoutMillis: options.connectTimeoutMS ?? 10_000,
  };
  if (options.url)
    return { ...config, connectionString: options.url, ssl: options.ssl as ClientConfig['ssl'] };
  return {
    ...config,
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    ssl: options.ssl as ClientConfig['ssl'],
  };
}
