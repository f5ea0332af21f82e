import Database from 'better-sqlite3';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyError, driverFailure } from './classify-driver-error';
import { PersistenceError } from './persistence.error';

function postgresError(code: string): DatabaseError {
  // As node-postgres's parser builds it from the server's ErrorResponse.
  const err = new DatabaseError('server said no', 0, 'error');
  err.severity = 'ERROR';
  err.code = code;
  return err;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
}

function viaTypeOrm(driverError: Error): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], driverError);
}

describe(classifyError.name, () => {
  it.each([
    ['40001', 'SERIALIZATION_FAILURE', true],
    ['40P01', 'DEADLOCK', true],
    ['55P03', 'LOCK_CONTENTION', true],
    ['08006', 'CONNECTION_FAILED', true],
    ['08003', 'CONNECTION_FAILED', true],
    ['57P01', 'CONNECTION_FAILED', true],
    ['53300', 'CONNECTION_FAILED', true],
    ['23505', 'UNIQUE_VIOLATION', false],
    ['42703', 'QUERY_FAILED', false],
    ['22P02', 'QUERY_FAILED', false],
  ])('classifies PostgreSQL SQLSTATE %s as %s (retriable: %s)', (sqlState, code, retriable) => {
    const err = classifyError(viaTypeOrm(postgresError(sqlState)), 'postgres', 'claim');
    expect(err).toBeInstanceOf(PersistenceError);
    expect(err).toMatchObject({ code, retriable, context: { driverCode: sqlState } });
  });

  it.each([
    ['SQLITE_BUSY', 'LOCK_CONTENTION', true],
    ['SQLITE_BUSY_SNAPSHOT', 'LOCK_CONTENTION', true],
    ['SQLITE_BUSY_TIMEOUT', 'LOCK_CONTENTION', true],
    ['SQLITE_LOCKED', 'LOCK_CONTENTION', true],
    ['SQLITE_LOCKED_SHAREDCACHE', 'LOCK_CONTENTION', true],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE_VIOLATION', false],
    ['SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE_VIOLATION', false],
    ['SQLITE_CONSTRAINT_NOTNULL', 'QUERY_FAILED', false],
    ['SQLITE_ERROR', 'QUERY_FAILED', false],
    ['SQLITE_BUSYNESS', 'QUERY_FAILED', false],
  ])('classifies SQLite %s as %s (retriable: %s)', (sqliteCode, code, retriable) => {
    const driverError = new Database.SqliteError('sqlite said no', sqliteCode);
    for (const thrown of [driverError, viaTypeOrm(driverError)]) {
      expect(classifyError(thrown, 'sqlite', 'claim')).toMatchObject({ code, retriable });
    }
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])(
    'classifies the socket error %s as a retriable connection failure',
    (socketCode) => {
      expect(classifyError(socketError(socketCode), 'postgres', 'open')).toMatchObject({
        code: 'CONNECTION_FAILED',
        retriable: true,
      });
    },
  );

  it("returns the work's own errors unchanged, even ones whose message sounds like a database's", () => {
    const own = new Error('deadlock detected: could not serialize access (SQLITE_BUSY)');
    const programmer = new TypeError('cannot read properties of undefined');
    expect(classifyError(own, 'postgres', 'unit of work')).toBe(own);
    expect(classifyError(programmer, 'sqlite', 'unit of work')).toBe(programmer);
  });

  it('keeps a PersistenceError as it is, with its original operation', () => {
    const inner = new PersistenceError('LOCK_CONTENTION', 'busy', { operation: 'claim' });
    expect(classifyError(inner, 'sqlite', 'unit of work')).toBe(inner);
  });

  it('keeps the driver error as the cause and names the operation in the message', () => {
    const failed = viaTypeOrm(postgresError('40001'));
    const err = classifyError(failed, 'postgres', 'claim processed event') as PersistenceError;
    expect(err.cause).toBe(failed);
    expect(err.message).toMatch(/^claim processed event failed on postgres \(40001\)/);
  });
});

describe(driverFailure.name, () => {
  it('treats a PostgreSQL driver error without a SQLSTATE as a lost connection', () => {
    // node-postgres reports a dead connection as a plain Error without a code.
    const err = driverFailure(viaTypeOrm(new Error('terminated')), 'postgres', 'commit');
    expect(err).toMatchObject({ code: 'CONNECTION_FAILED', retriable: true });
  });

  it('does not retry a bad call from the PostgreSQL driver', () => {
    const err = driverFailure(viaTypeOrm(new TypeError('bad parameter')), 'postgres', 'claim');
    expect(err).toMatchObject({ code: 'QUERY_FAILED', retriable: false });
  });

  it('does not retry an SQLite error without a code', () => {
    expect(driverFailure(new Error('odd'), 'sqlite', 'open')).toMatchObject({
      code: 'QUERY_FAILED',
      retriable: false,
    });
  });
});
