import { DataSource } from 'typeorm';
import { SerialQueue } from '../util/serial-queue';

const gates = new WeakMap<DataSource, SerialQueue>();

/**
 * The queue that runs the transactions of one SQLite DataSource one at a time. TypeORM gives
 * every query runner of a better-sqlite3 DataSource the same single connection, so two
 * transactions left to overlap would share one SQLite transaction: one's rollback would undo
 * the other's work, and a read could see the other's uncommitted rows.
 */
export function gateOf(ds: DataSource): SerialQueue {
  let gate = gates.get(ds);
  if (!gate) {
    gate = new SerialQueue();
    gates.set(ds, gate);
  }
  return gate;
}
