import { DatabaseKind } from '../database/database-kind';
import { dialectOf, SqlDialect } from '../database/sql-dialect';
import { OutboxMessage } from './outbox-message';
import { RelayLease } from './relay-lease';

export interface PendingMessage {
  sequence: number;
  message: OutboxMessage;
}

/** The relay's statements on the outbox table, in the dialect of its database. */
export class OutboxTable {
  private readonly dialect: SqlDialect;

  constructor(kind: DatabaseKind) {
    this.dialect = dialectOf(kind);
  }

  /** The oldest unsent messages with a sequence up to `upTo`, in sequence order. */
  async pending(lease: RelayLease, limit: number, upTo: number): Promise<PendingMessage[]> {
    const { rows } = await lease.execute(
      'SELECT sequence, topic, "key", "value", headers FROM outbox ' +
        `WHERE sent_at IS NULL AND sequence <= ${this.dialect.param(1)} ` +
        `ORDER BY sequence LIMIT ${this.dialect.param(2)}`,
      [upTo, limit],
    );
    return rows.map(toPendingMessage);
  }

  /** The newest unsent sequence, or undefined when nothing waits. */
  async lastPending(lease: RelayLease): Promise<number | undefined> {
    const { rows } = await lease.execute(
      'SELECT MAX(sequence) AS last FROM outbox WHERE sent_at IS NULL',
      [],
    );
    const last = rows[0]?.last;
    return last === null || last === undefined ? undefined : Number(last);
  }

  /** Marks the rows sent; returns how many were still unsent. */
  async markSent(lease: RelayLease, sequences: number[]): Promise<number> {
    const where =
      this.dialect.kind === 'postgres'
        ? 'sequence = ANY($1::bigint[])'
        : `sequence IN (${this.dialect.params(sequences.length)})`;
    const params = this.dialect.kind === 'postgres' ? [sequences] : sequences;
    const { affected } = await lease.execute(
      `UPDATE outbox SET sent_at = ${this.dialect.now} WHERE ${where} AND sent_at IS NULL`,
      params,
    );
    return affected;
  }

  /** Deletes rows sent more than `ageMs` ago; returns how many. */
  async pruneSent(lease: RelayLease, ageMs: number): Promise<number> {
    const seconds = ageMs / 1000;
    const { affected } =
      this.dialect.kind === 'postgres'
        ? await lease.execute(
            'DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)',
            [seconds],
          )
        : await lease.execute(
            "DELETE FROM outbox WHERE sent_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)",
            [`-${seconds} seconds`],
          );
    return affected;
  }
}

function toPendingMessage(row: Record<string, unknown>): PendingMessage {
  return {
    sequence: Number(row.sequence),
    message: {
      topic: row.topic as string,
      key: (row.key as Buffer | null) ?? null,
      value: row.value as Buffer,
      headers: JSON.parse(row.headers as string) as Record<string, string>,
    },
  };
}
