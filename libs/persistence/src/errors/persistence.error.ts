/**
 * Stable codes of PersistenceError. Callers branch on `retriable`, or on the code where they
 * need finer handling; never on the message.
 */
export type PersistenceErrorCode =
  /** Another connection holds the lock: SQLITE_BUSY / SQLITE_LOCKED, PostgreSQL 55P03. */
  | 'LOCK_CONTENTION'
  /** PostgreSQL 40001: a concurrent transaction changed what this one read. */
  | 'SERIALIZATION_FAILURE'
  /** PostgreSQL 40P01: the server aborted this transaction to break a deadlock. */
  | 'DEADLOCK'
  /** The connection was refused, reset or terminated, or the server is shutting down. */
  | 'CONNECTION_FAILED'
  /** Another outbox relay holds the relay lock on this database. */
  | 'RELAY_LOCK_HELD'
  /** A unique or primary key constraint rejected a row. */
  | 'UNIQUE_VIOLATION'
  /** Any other failed statement: a bug or a schema mismatch, which a retry will not fix. */
  | 'QUERY_FAILED'
  /** A migration failed; the database is left as the last successful migration made it. */
  | 'MIGRATION_FAILED'
  /** DatabaseOptions that cannot describe a database, or an argument no call can accept. */
  | 'INVALID_ARGUMENT'
  /**
   * The database aborted the transaction before the work finished (PostgreSQL does so at the
   * first failed statement), yet the work resolved: nothing was committed.
   */
  | 'TRANSACTION_ABORTED'
  /** A store was used outside a unit of work, or a unit of work was started inside another. */
  | 'TRANSACTION_MISUSE';

const RETRIABLE_CODES: ReadonlySet<PersistenceErrorCode> = new Set<PersistenceErrorCode>([
  'LOCK_CONTENTION',
  'SERIALIZATION_FAILURE',
  'DEADLOCK',
  'CONNECTION_FAILED',
  'RELAY_LOCK_HELD',
]);

export interface PersistenceErrorContext {
  /** What was being done, e.g. `claim processed event`, `commit`, `open database`. */
  operation: string;
  /** The driver's own code: SQLITE_BUSY, a PostgreSQL SQLSTATE such as 40001, ECONNRESET. */
  driverCode?: string;
  /** Further details safe to log: names, counts, sequences; never payloads or parameters. */
  [detail: string]: unknown;
}

/**
 * The one error type of @joinedup/persistence. `retriable` is true when running the same unit
 * of work again may succeed (lock contention, serialization failure, deadlock, lost
 * connection), false when it never will (a bad statement, a bad option, a failed migration).
 */
export class PersistenceError extends Error {
  readonly retriable: boolean;

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
    readonly context: PersistenceErrorContext,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PersistenceError';
    this.retriable = RETRIABLE_CODES.has(code);
  }
}

/** True for a PersistenceError that says the same work may succeed if run again. */
export function isRetriablePersistenceError(err: unknown): err is PersistenceError {
  return err instanceof PersistenceError && err.retriable;
}
