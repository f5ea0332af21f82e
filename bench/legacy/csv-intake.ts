/**
 * CSV intake of a 1,000,000-record round-events file to Avro events on the broker: parse,
 * map, validate (identifiers and the Avro contract), pseudonymise, encode and produce with
 * acks=-1 to the project's broker, the broker and the schema registry each in its own process.
 *
 *   npm run bench:csv [-- records] [--no-headers]
 *
 * Also times the parser alone. Resident memory of this process is sampled every 100 ms.
 * Prints one JSON line. Targets: >= 50,000 records/s, peak resident memory < 300 MB.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient } from '@joinedup/avro';
import { loadCatalogue, registerContracts } from '@joinedup/contracts';
import {
  AvroKafkaEventSink,
  CouncilRegistry,
  CsvRecordParser,
  IntakeService,
  openLegacyWasteDatabase,
  SqlProcessedFileStore,
  SqlRejectionStore,
} from '@joinedup/legacy-waste';
import { setLogLevel } from '@joinedup/logging';
import { startBrokerProcess } from '../broker/broker-process';
import { startRegistryProcess } from './registry-process';
import { residentMb, round } from '../support/measure';

const RECORDS = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 1_000_000);
const COUNCILS_DIR = resolve(__dirname, '..', '..', '..', 'config', 'councils');
/** The contracts' published test key (bytes 0 to 31); a benchmark holds no real data. */
const TEST_KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
const TOPIC = 'joinedup.waste.collection-events.v1';

async function main(): Promise<void> {
  setLogLevel('error');
  const dir = mkdtempSync(join(tmpdir(), 'joinedup-bench-csv-'));
  const file = join(dir, 'round-events.csv');
  const broker = await startBrokerProcess(join(dir, 'broker'));
  const registry = await startRegistryProcess(broker.bootstrap);
  const db = await openLegacyWasteDatabase({ sqlitePath: join(dir, 'intake.sqlite') });
  const sink = new AvroKafkaEventSink({
    brokers: [broker.bootstrap],
    registryUrl: registry.url,
    producerThread: true,
    headers: !process.argv.includes('--no-headers'),
  });
  try {
    // Written by a child process, so that this one's resident memory is intake's alone.
    const fixture = join(__dirname, 'csv-fixture.js');
    const bytes = Number(execFileSync(process.execPath, [fixture, file, String(RECORDS)]));
    await registerContracts(loadCatalogue(), new SchemaRegistryClient({ url: registry.url }));
    const councils = CouncilRegistry.load(COUNCILS_DIR, TEST_KEY);

    await sink.connect();
    const intake = new IntakeService(
      councils,
      sink,
      new SqlRejectionStore(db),
      new SqlProcessedFileStore(db),
    );
    // Other work on a shared machine shows in the figures; the load says how much there was.
    const loadBefore = loadavg()[0];
    const memory = sampleMemory();
    const started = process.hrtime.bigint();
    const summary = await intake.intake({
      council: 'adur',
      feed: 'round-events',
      fileName: 'round-events.csv',
      source: createReadStream(file, { highWaterMark: 256 * 1024 }),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakMb = memory.stop();
    const onTopic = await topicEnd(broker.bootstrap);
    const parser = await parserOnly(councils, file);

    console.log(
      JSON.stringify({
        records: RECORDS,
        headers: !process.argv.includes('--no-headers'),
        fileMb: round(bytes / 1_048_576, 1),
        intake: {
          recordsPerSecond: Math.round(summary.recordsRead / seconds),
          seconds: round(seconds, 2),
          events: summary.events,
          rejections: summary.rejections,
          eventsOnTopic: onTopic,
          peakResidentMb: round(peakMb, 1),
          target: { recordsPerSecond: 50_000, peakResidentMb: 300 },
        },
        parserOnly: parser,
        loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0], 2) },
        brokerResidentMb: round(residentMb(broker.child.pid!), 1),
      }),
    );
  } finally {
    await sink.close();
    await db.destroy();
    registry.child.kill('SIGTERM');
    broker.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function parserOnly(councils: CouncilRegistry, file: string) {
  const mapper = councils.mapper('adur', 'round-events');
  if (mapper.feed.format !== 'csv') throw new Error('round-events is expected to be a CSV feed');
  const parser = new CsvRecordParser(mapper.feed, mapper.requiredSourceFields);
  const started = process.hrtime.bigint();
  let records = 0;
  for await (const chunk of parser.parse(
    createReadStream(file, { highWaterMark: 256 * 1024 }),
    file,
  )) {
    records += chunk.records.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { recordsPerSecond: Math.round(records / seconds), seconds: round(seconds, 2), records };
}

function sampleMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1_048_576;
    },
  };
}

async function topicEnd(bootstrap: string): Promise<number> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(TOPIC);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
