import { DataSource } from 'typeorm';
import {
  NewRejection,
  RejectionFilter,
  RejectionStore,
  StoredRejection,
} from '../intake/rejection-store.port';
import { placeholders, timeParam } from './legacy-waste-database';

const COLUMNS =
  'id, council, feed, file, line, field, "value", reason, record, status, created_at, resolved_at, event_id';
const INSERT_COLUMNS = 11;
/** Rows per INSERT: 11 parameters each stays far below SQLite's 32,766-parameter limit. */
const ROWS_PER_INSERT = 200;
const DEFAULT_LIMIT = 100;

interface RejectionRow {
  id: string;
  council: string;
  feed: string;
  file: string;
  line: number;
  field: string;
  value: string;
  reason: string;
  record: string | null;
  status: string;
  created_at: string | Date;
  resolved_at: string | Date | null;
  event_id: string | null;
}

/** RejectionStore on the project's database (SQLite or PostgreSQL, via @joinedup/persistence). */
export class SqlRejectionStore implements RejectionStore {
  private readonly param: (index: number) => string;

  constructor(
    private readonly ds: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.param = placeholders(ds);
  }

  async add(rejections: readonly NewRejection[]): Promise<void> {
    for (let start = 0; start < rejections.length; start += ROWS_PER_INSERT) {
      const rows = rejections.slice(start, start + ROWS_PER_INSERT);
      const created = timeParam(this.ds, this.now());
      const tuples = rows.map((_, row) => {
        const first = row * INSERT_COLUMNS;
        const marks = Array.from({ length: INSERT_COLUMNS }, (__, i) => this.param(first + i + 1));
        return `(${marks.join(', ')})`;
      });
      const params = rows.flatMap((r) => [
        r.id,
        r.council,
        r.feed,
        r.file,
        r.line,
        r.field,
        r.value,
        r.reason,
        r.record === null ? null : JSON.stringify(r.record),
        'OPEN',
        created,
      ]);
      await this.ds.query(
        'INSERT INTO legacy_rejection (id, council, feed, file, line, field, "value", reason, record, status, created_at) ' +
          `VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
        params,
      );
    }
  }

  async list(filter: RejectionFilter = {}): Promise<StoredRejection[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const key of ['council', 'feed', 'file', 'status'] as const) {
      const value = filter[key];
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${key} = ${this.param(params.length)}`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    params.push(filter.limit ?? DEFAULT_LIMIT, filter.offset ?? 0);
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM legacy_rejection ${where} ORDER BY created_at, file, line ` +
        `LIMIT ${this.param(params.length - 1)} OFFSET ${this.param(params.length)}`,
      params,
    )) as RejectionRow[];
    return rows.map(rejectionOf);
  }

  async get(id: string): Promise<StoredRejection | undefined> {
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM legacy_rejection WHERE id = ${this.param(1)}`,
      [id],
    )) as RejectionRow[];
    return rows.length === 0 ? undefined : rejectionOf(rows[0]);
  }

  async update(
    id: string,
    change: Pick<NewRejection, 'record' | 'field' | 'value' | 'reason'>,
  ): Promise<void> {
    const p = this.param;
    await this.ds.query(
      `UPDATE legacy_rejection SET record = ${p(1)}, field = ${p(2)}, "value" = ${p(3)}, ` +
        `reason = ${p(4)} WHERE id = ${p(5)}`,
      [
        change.record === null ? null : JSON.stringify(change.record),
        change.field,
        change.value,
        change.reason,
        id,
      ],
    );
  }

  async resolve(id: string, eventId: string, at: Date): Promise<void> {
    const p = this.param;
    await this.ds.query(
      `UPDATE legacy_rejection SET status = 'RESOLVED', event_id = ${p(1)}, resolved_at = ${p(2)} ` +
        `WHERE id = ${p(3)}`,
      [eventId, timeParam(this.ds, at), id],
    );
  }
}

function rejectionOf(row: RejectionRow): StoredRejection {
  return {
    id: row.id,
    council: row.council,
    feed: row.feed,
    file: row.file,
    line: Number(row.line),
    field: row.field,
    value: row.value,
    reason: row.reason,
    record: row.record === null ? null : (JSON.parse(row.record) as Record<string, string>),
    status: row.status === 'RESOLVED' ? 'RESOLVED' : 'OPEN',
    createdAt: new Date(row.created_at),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
    eventId: row.event_id,
  };
}
