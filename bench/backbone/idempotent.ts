/**
 * Events/s through an idempotent handler that writes one row: each event is one transaction
 * holding the processed-event claim and the row, then its offset is committed. Once with the
 * records in SQLite (a file in a temp dir) and once in PostgreSQL, when an admin URL is given
 * in JOINEDUP_BENCH_DATABASE_URL or JOINEDUP_TEST_DATABASE_URL (a database is created for the
 * run and dropped after it).
 *
 *   npm run build && node dist/bench/backbone/idempotent.js [events]
 *
 * Prints one JSON line.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  BackboneMetrics,
  BackboneModule,
  BackboneRuntime,
  EventContext,
  EventOf,
  HandleEvent,
  JoinedUpServer,
} from '@joinedup/backbone';
import { setLogLevel } from '@joinedup/logging';
import type { DatabaseOptions } from '@joinedup/persistence';
import { round } from '../support/measure';
import { BenchCluster, HitCounter } from './bench-cluster';

const EVENTS = Number(process.argv[2] ?? 5000);
const PARTITIONS = 3;

class CreateBenchRow1796400000101 implements MigrationInterface {
  readonly name = 'CreateBenchRow1796400000101';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE bench_row (event_id VARCHAR(64) NOT NULL, uprn VARCHAR(12))');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE bench_row');
  }
}

let counter = new HitCounter(0);
let insert = '';

@Controller()
class RowWriter {
  @HandleEvent('MissedCollectionReported')
  async onMissedCollection(
    event: EventOf<'MissedCollectionReported'>,
    context: EventContext,
  ): Promise<void> {
    counter.hit();
    await context.transaction().query(insert, [event.eventId, event.payload.uprn]);
  }
}

async function measure(
  cluster: BenchCluster,
  kind: 'sqlite' | 'postgres',
  database: DatabaseOptions,
): Promise<number> {
  counter = new HitCounter(EVENTS);
  insert =
    kind === 'postgres'
      ? 'INSERT INTO bench_row (event_id, uprn) VALUES ($1, $2)'
      : 'INSERT INTO bench_row (event_id, uprn) VALUES (?, ?)';
  const groupId = `bench-idempotent-${kind}`;
  @Module({
    imports: [
      BackboneModule.forRoot({
        kafka: { brokers: [cluster.bootstrap], clientId: `bench-${kind}` },
        registry: { url: cluster.registryUrl },
        groupId,
        database: { ...database, migrations: [CreateBenchRow1796400000101] },
        consumer: { partitionsConsumedConcurrently: PARTITIONS },
      }),
    ],
    controllers: [RowWriter],
  })
  class IdempotentBenchModule {}
  const app = await NestFactory.create(IdempotentBenchModule, { logger: false });
  app.connectMicroservice({ strategy: app.get(JoinedUpServer) });
  await app.startAllMicroservices();
  await counter.done;
  const started = counter.startedAt;
  const metrics = app.get(BackboneMetrics);
  while ((await consumed(metrics)) < EVENTS) await new Promise((r) => setTimeout(r, 5));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rows: { n: unknown }[] = await app
    .get(BackboneRuntime)
    .database!.dataSource.query('SELECT COUNT(*) AS n FROM bench_row');
  if (Number(rows[0].n) !== EVENTS) throw new Error(`expected ${EVENTS} rows, found ${rows[0].n}`);
  await app.close();
  return (EVENTS / ms) * 1000;
}

async function consumed(metrics: BackboneMetrics): Promise<number> {
  const metric = metrics.registry.getSingleMetric('joinedup_events_consumed_total');
  const { values } = await metric!.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

async function withPostgres<T>(
  adminUrl: string,
  work: (database: DatabaseOptions) => Promise<T>,
): Promise<T> {
  const name = `joinedup_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work({ url: url.toString(), sqlitePath: '' });
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  setLogLevel('error');
  const cluster = new BenchCluster();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-sqlite-'));
  await cluster.start();
  try {
    const topic = cluster.catalogue.events.find(
      (e) => e.eventType === 'MissedCollectionReported',
    )!.topic;
    await cluster.createTopics([topic], PARTITIONS);
    const producer = new BackboneRuntime({
      kafka: { brokers: [cluster.bootstrap], clientId: 'bench-producer' },
      registry: { url: cluster.registryUrl },
      groupId: 'bench-producer',
    });
    for (let start = 0; start < EVENTS; start += 1000) {
      const count = Math.min(1000, EVENTS - start);
      await producer.publisher.publish(
        Array.from({ length: count }, (_, i) => cluster.missedCollection(start + i)),
      );
    }
    await producer.close();

    const sqlite = await measure(cluster, 'sqlite', { sqlitePath: path.join(dir, 'bench.sqlite') });
    const adminUrl =
      process.env.JOINEDUP_BENCH_DATABASE_URL ?? process.env.JOINEDUP_TEST_DATABASE_URL;
    const postgres = adminUrl
      ? await withPostgres(adminUrl, (database) => measure(cluster, 'postgres', database))
      : null;
    const result = {
      benchmark: 'backbone-idempotent-handler',
      events: EVENTS,
      partitions: PARTITIONS,
      sqliteEventsPerSecond: round(sqlite),
      postgresEventsPerSecond: postgres === null ? null : round(postgres),
      ...(postgres === null
        ? {
            postgresSkipped:
              'no admin URL in JOINEDUP_BENCH_DATABASE_URL or JOINEDUP_TEST_DATABASE_URL',
          }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
