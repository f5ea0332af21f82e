import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DatabaseKind, databaseKindOf } from '../database/database-kind';
import { classifyError, driverFailure } from '../errors/classify-driver-error';
import { PersistenceError } from '../errors/persistence.error';
import { SerialQueue } from '../util/serial-queue';
import { gateOf } from './transaction-gate';

/** The transaction a unit of work runs in; stores take it as their first argument. */
export type Transaction = EntityManager;

/** DataSources with a unit of work open in the current async call chain. */
const openUnits = new AsyncLocalStorage<ReadonlySet<DataSource>>();

/**
 * Runs work in one database transaction: committed when the work resolves, rolled back when
 * it throws. Database failures come out as PersistenceError (retriable for lock contention,
 * serialization failures, deadlocks and lost connections); the work's own errors come out
 * unchanged.
 */
export class UnitOfWork {
  private readonly kind: DatabaseKind;
  private readonly gate: SerialQueue | undefined;

  constructor(private readonly ds: DataSource) {
    this.kind = databaseKindOf(ds);
    this.gate = this.kind === 'sqlite' ? gateOf(ds) : undefined;
  }

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const open = openUnits.getStore() ?? new Set<DataSource>();
    if (open.has(this.ds)) return Promise.reject(nestedUnitError());
    const inner = new Set(open).add(this.ds);
    const transaction = (): Promise<T> => openUnits.run(inner, () => this.transaction(work));
    return this.gate ? this.gate.run(transaction) : transaction();
  }

  private async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    try {
      await this.begin(runner);
      let result: T;
      try {
        result = await work(runner.manager);
      } catch (err) {
        if (runner.isReleased) throw connectionLost(err, this.kind);
        await rollbackQuietly(runner);
        throw classifyError(err, this.kind, 'unit of work');
      }
      await this.commit(runner);
      return result;
    } finally {
      await runner.release();
    }
  }

  private async begin(runner: QueryRunner): Promise<void> {
    try {
      if (this.kind === 'postgres') {
        await runner.startTransaction();
        return;
      }
      // IMMEDIATE takes the write lock up front, so a second writer waits for it (busy_timeout)
      // rather than failing at its first write with SQLITE_BUSY, which no wait can resolve
      // once both hold read snapshots (sqlite.org/lang_transaction.html).
      await runner.query('BEGIN IMMEDIATE');
      adoptOpenTransaction(runner);
    } catch (err) {
      throw driverFailure(err, this.kind, 'begin unit of work');
    }
  }

  private async commit(runner: QueryRunner): Promise<void> {
    try {
      if (this.kind === 'postgres') {
        await commitPostgres(runner);
        return;
      }
      if (!(await sqliteTransactionOpen(runner))) throw abortedError(this.kind);
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isReleased) throw connectionLost(err, this.kind);
      await rollbackQuietly(runner);
      throw err instanceof PersistenceError
        ? err
        : driverFailure(err, this.kind, 'commit unit of work');
    }
  }
}

/**
 * PostgreSQL answers COMMIT with the command tag ROLLBACK, and no error, when a statement of
 * the transaction failed and the work caught it. TypeORM's commitTransaction drops the tag,
 * so COMMIT goes straight to the driver here, and TypeORM is told the transaction is over.
 * (The driver's status flag cannot tell instead: it is only updated once the server's
 * ReadyForQuery arrives, which may come after the failed statement's promise has settled.)
 */
async function commitPostgres(runner: QueryRunner): Promise<void> {
  const client = (await runner.connect()) as { query(sql: string): Promise<{ command: string }> };
  const { command } = await client.query('COMMIT');
  setTransactionState(runner, false, 0);
  if (command === 'ROLLBACK') throw abortedError('postgres');
}

/**
 * SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM;
 * sqlite.org/lang_transaction.html, "Response To Errors"), even when the work caught them.
 */
async function sqliteTransactionOpen(runner: QueryRunner): Promise<boolean> {
  const connection = (await runner.connect()) as { inTransaction: boolean };
  return connection.inTransaction;
}

/**
 * Tells TypeORM's query runner about a transaction begun with our own BEGIN, so that saves
 * inside the work do not begin another, nested transactions become savepoints, and
 * commitTransaction issues the COMMIT.
 */
function adoptOpenTransaction(runner: QueryRunner): void {
  setTransactionState(runner, true, 1);
}

function setTransactionState(runner: QueryRunner, active: boolean, depth: number): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = depth;
}

function abortedError(kind: DatabaseKind): PersistenceError {
  return new PersistenceError(
    'TRANSACTION_ABORTED',
    `the ${kind} transaction was aborted by a failed statement that the work caught; nothing ` +
      'was committed: let database errors propagate out of the work',
    { operation: 'commit unit of work' },
  );
}

/**
 * A failed rollback changes nothing for the caller: the work's error is what they need, and
 * the database discards an unfinished transaction when its connection goes.
 */
async function rollbackQuietly(runner: QueryRunner): Promise<void> {
  if (!runner.isTransactionActive) return;
  await runner.rollbackTransaction().catch(() => undefined);
}

/**
 * TypeORM releases a PostgreSQL query runner by itself when its connection emits an error, so
 * the work may fail with "query runner already released" rather than with the driver's error.
 */
function connectionLost(err: unknown, kind: DatabaseKind): PersistenceError {
  return new PersistenceError(
    'CONNECTION_FAILED',
    `the ${kind} connection of the unit of work was lost; nothing was committed`,
    { operation: 'unit of work' },
    { cause: err },
  );
}

function nestedUnitError(): PersistenceError {
  return new PersistenceError(
    'TRANSACTION_MISUSE',
    'UnitOfWork.run was called inside a unit of work on the same database: pass the outer ' +
      'transaction down instead (on SQLite the inner one would wait for the outer for ever)',
    { operation: 'begin unit of work' },
  );
}
