import { DataSource } from 'typeorm';
import { transactionContext } from '../unit-of-work/transaction-context';
import { UnitOfWork } from '../unit-of-work/unit-of-work';
import { RelayLease, StatementResult } from './relay-lease';

/** Relays holding the lease of each SQLite DataSource in this process. */
const holders = new WeakMap<DataSource, SqliteRelayLease>();

/**
 * The relay lease on SQLite, which serves one process: at most one relay per DataSource.
 * Statements run as units of work, so they queue behind the application's transactions on
 * the one shared connection instead of slipping into one of them.
 */
export class SqliteRelayLease implements RelayLease {
  private readonly uow: UnitOfWork;

  constructor(private readonly ds: DataSource) {
    this.uow = new UnitOfWork(ds);
  }

  get held(): boolean {
    return holders.get(this.ds) === this;
  }

  async acquire(): Promise<boolean> {
    const holder = holders.get(this.ds);
    if (holder === undefined) holders.set(this.ds, this);
    return holders.get(this.ds) === this;
  }

  execute(sql: string, params: unknown[]): Promise<StatementResult> {
    return this.uow.run((tx) => transactionContext(tx, 'relay outbox').execute(sql, params));
  }

  async release(): Promise<void> {
    if (this.held) holders.delete(this.ds);
  }
}
