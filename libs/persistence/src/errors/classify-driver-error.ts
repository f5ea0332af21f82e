import { QueryFailedError } from 'typeorm';
import { DatabaseKind } from '../database/database-kind';
import { PersistenceError, PersistenceErrorCode } from './persistence.error';

/**
 * PostgreSQL SQLSTATE codes with a meaning of their own here (PostgreSQL manual, appendix A,
 * "PostgreSQL Error Codes"). Class 08 (connection exception) is handled as a whole below.
 */
const POSTGRES_CODES: Readonly<Record<string, PersistenceErrorCode>> = {
  '40001': 'SERIALIZATION_FAILURE',
  '40P01': 'DEADLOCK',
  '55P03': 'LOCK_CONTENTION', // lock_not_available: lock_timeout or NOWAIT
  '57P01': 'CONNECTION_FAILED', // admin_shutdown
  '57P02': 'CONNECTION_FAILED', // crash_shutdown
  '57P03': 'CONNECTION_FAILED', // cannot_connect_now: starting up or in recovery
  '53300': 'CONNECTION_FAILED', // too_many_connections
  '23505': 'UNIQUE_VIOLATION',
};
const POSTGRES_CONNECTION_EXCEPTION_CLASS = '08';
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * SQLite primary result codes (sqlite.org/rescode.html); extended codes such as
 * SQLITE_BUSY_SNAPSHOT or SQLITE_LOCKED_SHAREDCACHE classify as their primary code.
 */
const SQLITE_CODES: Readonly<Record<string, PersistenceErrorCode>> = {
  SQLITE_BUSY: 'LOCK_CONTENTION',
  SQLITE_LOCKED: 'LOCK_CONTENTION',
};
const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

/** Node socket error codes meaning the server could not be reached or dropped the connection. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Turns an error that came out of the database driver into a PersistenceError; returns any
 * other error (a handler's own, a programmer error) unchanged, since it is not ours to classify.
 */
export function classifyError(err: unknown, kind: DatabaseKind, operation: string): unknown {
  if (err instanceof PersistenceError) return err;
  if (err instanceof QueryFailedError) return fromDriver(err.driverError, kind, operation, err);
  if (isRecognisedDriverError(err)) return fromDriver(err, kind, operation, err);
  return err;
}

/**
 * For an error known to come from the driver (a failed connect, begin or commit): always a
 * PersistenceError. node-postgres reports a connection that died or timed out as a plain Error
 * with no code, so on PostgreSQL a driver error without a SQLSTATE is a connection failure.
 */
export function driverFailure(
  err: unknown,
  kind: DatabaseKind,
  operation: string,
): PersistenceError {
  const classified = classifyError(err, kind, operation);
  if (classified instanceof PersistenceError) return classified;
  return fromDriver(err, kind, operation, err);
}

function fromDriver(
  driverError: unknown,
  kind: DatabaseKind,
  operation: string,
  cause: unknown,
): PersistenceError {
  const driverCode = codeOf(driverError);
  const code = persistenceCodeOf(driverError, driverCode, kind);
  const reason = driverError instanceof Error ? driverError.message : String(driverError);
  return new PersistenceError(
    code,
    `${operation} failed on ${kind} (${driverCode ?? 'no driver code'}): ${reason}`,
    { operation, driverCode },
    { cause },
  );
}

function persistenceCodeOf(
  driverError: unknown,
  driverCode: string | undefined,
  kind: DatabaseKind,
): PersistenceErrorCode {
  if (driverCode !== undefined && SOCKET_CODES.has(driverCode)) return 'CONNECTION_FAILED';
  if (kind === 'sqlite') return sqliteCodeOf(driverCode);
  if (!isPostgresServerError(driverError)) {
    return isProgrammerError(driverError) ? 'QUERY_FAILED' : 'CONNECTION_FAILED';
  }
  return postgresCodeOf(driverCode);
}

function sqliteCodeOf(driverCode: string | undefined): PersistenceErrorCode {
  if (driverCode === undefined) return 'QUERY_FAILED';
  if (SQLITE_UNIQUE_CODES.has(driverCode)) return 'UNIQUE_VIOLATION';
  const primary = driverCode.split('_').slice(0, 2).join('_');
  return SQLITE_CODES[primary] ?? 'QUERY_FAILED';
}

function postgresCodeOf(sqlState: string | undefined): PersistenceErrorCode {
  if (sqlState === undefined) return 'QUERY_FAILED';
  if (sqlState.startsWith(POSTGRES_CONNECTION_EXCEPTION_CLASS)) return 'CONNECTION_FAILED';
  return POSTGRES_CODES[sqlState] ?? 'QUERY_FAILED';
}

function isRecognisedDriverError(err: unknown): boolean {
  const code = codeOf(err);
  if (code === undefined) return false;
  return isSqliteCode(code) || isPostgresServerError(err) || SOCKET_CODES.has(code);
}

/*
 * The drivers' error classes are recognised by shape rather than by instanceof: a second copy
 * of a driver in node_modules (or a test runner's module registry) has classes of its own.
 */

/** better-sqlite3's SqliteError carries SQLite's result code name, e.g. SQLITE_BUSY_SNAPSHOT. */
function isSqliteCode(code: string): boolean {
  return code.startsWith('SQLITE_');
}

/** node-postgres's DatabaseError: an ErrorResponse from the server, with severity and SQLSTATE. */
function isPostgresServerError(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && SQLSTATE.test(code) && 'severity' in (err as object);
}

/** TypeError and RangeError mean a bad call (a bad parameter), which no retry fixes. */
function isProgrammerError(err: unknown): boolean {
  return err instanceof TypeError || err instanceof RangeError;
}

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
