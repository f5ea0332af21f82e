import { ADVISORY_LOCKS } from '../database/advisory-locks';
import { dialectOf } from '../database/sql-dialect';
import { PersistenceError } from '../errors/persistence.error';
import { transactionContext } from '../unit-of-work/transaction-context';
import { Transaction } from '../unit-of-work/unit-of-work';
import { MAX_TOPIC_LENGTH, OutboxMessage } from './outbox-message';

/** Rows per INSERT: 4 parameters each stays far below SQLite's 32766 and PostgreSQL's 65535. */
const ROWS_PER_INSERT = 500;

/**
 * Writes messages into the outbox inside the caller's transaction, so they are published if
 * and only if the change they announce commits. After the commit, call OutboxRelay.notify().
 */
export class OutboxStore {
  async append(tx: Transaction, messages: OutboxMessage[]): Promise<void> {
    messages.forEach(requireValidMessage);
    const context = transactionContext(tx, 'append to outbox');
    if (messages.length === 0) return;
    const dialect = dialectOf(context.kind);

    // A bigserial is taken at INSERT, not at COMMIT, so two overlapping transactions could
    // commit sequences 6 then 5, and a relay that had already published 6 would publish 5
    // after it. Holding this lock from the first append to the commit makes sequence order
    // commit order. SQLite needs none: BEGIN IMMEDIATE already lets one writer in at a time.
    // Append last in the transaction, so that the lock is held only for the commit.
    if (context.kind === 'postgres') {
      await context.execute('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.outboxAppend]);
    }
    for (let start = 0; start < messages.length; start += ROWS_PER_INSERT) {
      const chunk = messages.slice(start, start + ROWS_PER_INSERT);
      const rows = chunk.map((_, i) => `(${dialect.params(4, i * 4 + 1)})`).join(', ');
      await context.execute(
        `INSERT INTO outbox (topic, "key", "value", headers) VALUES ${rows}`,
        chunk.flatMap((m) => [m.topic, m.key, m.value, JSON.stringify(m.headers)]),
      );
    }
  }
}

function requireValidMessage(message: OutboxMessage, index: number): void {
  const problem = problemOf(message);
  if (problem === undefined) return;
  throw new PersistenceError('INVALID_ARGUMENT', `outbox message ${index}: ${problem}`, {
    operation: 'append to outbox',
    index,
  });
}

function problemOf(message: OutboxMessage): string | undefined {
  const { topic, key, value, headers } = message;
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
    return `topic must be 1 to ${MAX_TOPIC_LENGTH} characters, got ${JSON.stringify(topic)}`;
  }
  if (key !== null && !Buffer.isBuffer(key))
    return `key must be a Buffer or null, got ${typeof key}`;
  if (!Buffer.isBuffer(value)) return `value must be a Buffer, got ${typeof value}`;
  if (typeof headers !== 'object' || headers === null) return 'headers must be an object';
  const bad = Object.entries(headers).find(([, v]) => typeof v !== 'string');
  if (bad) return `header ${JSON.stringify(bad[0])} must be a string, got ${typeof bad[1]}`;
  return undefined;
}
