import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A table a test handler writes one row to per event it handles. No key on purpose: a side
 * effect applied twice shows up as two rows rather than as a constraint error.
 */
export class CreateBackboneSideEffect1796400000001 implements MigrationInterface {
  readonly name = 'CreateBackboneSideEffect1796400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE backbone_side_effect (event_id VARCHAR(64) NOT NULL, consumer VARCHAR(255) NOT NULL)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE backbone_side_effect');
  }
}

export const SIDE_EFFECT_MIGRATIONS = [CreateBackboneSideEffect1796400000001];

function isPostgres(source: DataSource | EntityManager): boolean {
  const connection = source instanceof DataSource ? source : source.connection;
  return connection.options.type === 'postgres';
}

/** Writes the side effect of handling `eventId` inside the handler's transaction. */
export async function recordSideEffect(
  tx: EntityManager,
  eventId: string,
  consumer: string,
): Promise<void> {
  const sql = isPostgres(tx)
    ? 'INSERT INTO backbone_side_effect (event_id, consumer) VALUES ($1, $2)'
    : 'INSERT INTO backbone_side_effect (event_id, consumer) VALUES (?, ?)';
  await tx.query(sql, [eventId, consumer]);
}

/** Rows per event id of a consumer. */
export async function sideEffectCounts(
  ds: DataSource,
  consumer: string,
): Promise<Map<string, number>> {
  const sql = isPostgres(ds)
    ? 'SELECT event_id, COUNT(*) AS n FROM backbone_side_effect WHERE consumer = $1 GROUP BY event_id'
    : 'SELECT event_id, COUNT(*) AS n FROM backbone_side_effect WHERE consumer = ? GROUP BY event_id';
  const rows: { event_id: string; n: unknown }[] = await ds.query(sql, [consumer]);
  return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
}
