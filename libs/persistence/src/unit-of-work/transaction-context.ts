import { QueryRunner } from 'typeorm';
import { DatabaseKind, databaseKindOf } from '../database/database-kind';
import { classifyError } from '../errors/classify-driver-error';
import { PersistenceError } from '../errors/persistence.error';
import { Transaction } from './unit-of-work';

export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/** What a store needs from the transaction it is handed. */
export interface TransactionContext {
  readonly kind: DatabaseKind;
  /** Runs one statement in the transaction; rows for a query, the row count for a change. */
  execute(sql: string, params: unknown[]): Promise<StatementResult>;
}

/**
 * The transaction's query runner, after checking that it is one: a store called with the
 * DataSource's own manager would write outside any transaction and break its guarantees.
 */
export function transactionContext(tx: Transaction, operation: string): TransactionContext {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new PersistenceError(
      'TRANSACTION_MISUSE',
      `${operation} needs the transaction of a unit of work: call it inside UnitOfWork.run ` +
        'with the tx it passes to the work',
      { operation },
    );
  }
  const kind = databaseKindOf(tx.connection);
  return { kind, execute: (sql, params) => execute(runner, kind, operation, sql, params) };
}

async function execute(
  runner: QueryRunner,
  kind: DatabaseKind,
  operation: string,
  sql: string,
  params: unknown[],
): Promise<StatementResult> {
  try {
    const result = await runner.query(sql, params, true);
    return { rows: result.records ?? [], affected: result.affected ?? 0 };
  } catch (err) {
    throw classifyError(err, kind, operation);
  }
}
