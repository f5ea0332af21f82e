import { dialectOf } from '../database/sql-dialect';
import { PersistenceError } from '../errors/persistence.error';
import { transactionContext } from '../unit-of-work/transaction-context';
import { Transaction } from '../unit-of-work/unit-of-work';

const MAX_LENGTH = 255;

/**
 * Remembers which events each consumer has handled, inside the consumer's own transaction, so
 * that an event delivered again (Kafka delivers at least once) is recognised and skipped.
 */
export class ProcessedEventStore {
  /**
   * Records that `consumer` handles `eventId` in this transaction. True the first time; false
   * when a committed transaction already claimed it, in which case the caller should skip the
   * event. A concurrent claim of the same pair waits for the other transaction to end.
   */
  async claim(tx: Transaction, consumer: string, eventId: string): Promise<boolean> {
    requireIdentifier('consumer', consumer);
    requireIdentifier('eventId', eventId);
    const context = transactionContext(tx, 'claim processed event');
    const dialect = dialectOf(context.kind);

    // DO NOTHING rather than catching the duplicate key: on PostgreSQL a failed INSERT would
    // abort the caller's whole transaction.
    const { affected } = await context.execute(
      `INSERT INTO processed_event (consumer, event_id) VALUES (${dialect.params(2)}) ` +
        'ON CONFLICT (consumer, event_id) DO NOTHING',
      [consumer, eventId],
    );
    return affected === 1;
  }
}

function requireIdentifier(name: string, value: string): void {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_LENGTH) return;
  throw new PersistenceError(
    'INVALID_ARGUMENT',
    `${name} must be a string of 1 to ${MAX_LENGTH} characters, got ${describe(value)}`,
    { operation: 'claim processed event', argument: name },
  );
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  return value.length === 0 ? 'an empty string' : `${value.length} characters`;
}
