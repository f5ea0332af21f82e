/**
 * A no-op handler through the Joined-up transport (JoinedUpServer: Avro decode through the
 * registry, typed dispatch, per-partition batches, commits) against raw kafkajs `eachBatch` on
 * the same Avro topic, and against Nest's built-in Kafka transport (JSON) on the same events,
 * in alternating rounds in one run.
 *
 *   npm run build && node dist/bench/backbone/transport.js [events] [rounds]
 *
 * Prints one JSON line. Target: the transport at >= 0.8 of raw kafkajs's events/s.
 */
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import {
  BackboneModule,
  BackboneRuntime,
  EventOf,
  HandleEvent,
  JoinedUpServer,
} from '@joinedup/backbone';
import { AvroSerde } from '@joinedup/avro';
import { setLogLevel } from '@joinedup/logging';
import { round } from '../support/measure';
import { BenchCluster, HitCounter, median } from './bench-cluster';

const EVENTS = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const PARTITIONS = 3;
const JSON_TOPIC = 'bench.nest-json.v1';
const CHUNK = 2000;

let counter = new HitCounter(0);

@Controller()
class BackboneNoopHandler {
  @HandleEvent('MissedCollectionReported', { idempotent: false })
  onMissedCollection(_event: EventOf<'MissedCollectionReported'>): void {
    counter.hit();
  }
}

@Controller()
class NestNoopHandler {
  @EventPattern(JSON_TOPIC, Transport.KAFKA)
  onEvent(_data: unknown): void {
    counter.hit();
  }
}

async function produce(cluster: BenchCluster, avroTopic: string): Promise<void> {
  const runtime = new BackboneRuntime({
    kafka: { brokers: [cluster.bootstrap], clientId: 'bench-producer' },
    registry: { url: cluster.registryUrl },
    groupId: 'bench-producer',
  });
  const kafka = new Kafka({
    clientId: 'bench-json',
    brokers: [cluster.bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const json = kafka.producer();
  await json.connect();
  for (let start = 0; start < EVENTS; start += CHUNK) {
    const events = Array.from({ length: Math.min(CHUNK, EVENTS - start) }, (_, i) =>
      cluster.missedCollection(start + i),
    );
    await runtime.publisher.publish(events);
    await json.send({
      topic: JSON_TOPIC,
      acks: -1,
      messages: events.map((e) => ({ key: e.subjectKey, value: JSON.stringify(e) })),
    });
  }
  await json.disconnect();
  await runtime.close();
  void avroTopic;
}

async function rawEachBatch(cluster: BenchCluster, topic: string, round: number): Promise<number> {
  counter = new HitCounter(EVENTS);
  const kafka = new Kafka({
    clientId: 'bench-raw',
    brokers: [cluster.bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-raw-${round}`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const message of batch.messages) {
        if (message.value !== null) counter.hit();
        resolveOffset(message.offset);
      }
      await heartbeat();
    },
  });
  const ms = await counter.done;
  await consumer.disconnect();
  return (EVENTS / ms) * 1000;
}

/**
 * The same raw consumer, decoding each value with AvroSerde as any consumer of these events
 * must: the like-for-like floor for a transport that hands handlers decoded events.
 */
async function rawEachBatchDecoding(
  cluster: BenchCluster,
  topic: string,
  round: number,
): Promise<number> {
  counter = new HitCounter(EVENTS);
  const serde = new AvroSerde({ registry: { url: cluster.registryUrl } });
  const kafka = new Kafka({
    clientId: 'bench-raw-decode',
    brokers: [cluster.bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-raw-decode-${round}`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const message of batch.messages) {
        if (message.value !== null && (await serde.decode(message.value)) !== undefined) {
          counter.hit();
        }
        resolveOffset(message.offset);
      }
      await heartbeat();
    },
  });
  const ms = await counter.done;
  await consumer.disconnect();
  return (EVENTS / ms) * 1000;
}

async function joinedUpTransport(cluster: BenchCluster, round: number): Promise<number> {
  counter = new HitCounter(EVENTS);
  @Module({
    imports: [
      BackboneModule.forRoot({
        kafka: { brokers: [cluster.bootstrap], clientId: 'bench-backbone' },
        registry: { url: cluster.registryUrl },
        groupId: `bench-backbone-${round}`,
        consumer: { partitionsConsumedConcurrently: PARTITIONS },
      }),
    ],
    controllers: [BackboneNoopHandler],
  })
  class BackboneBenchModule {}
  const app = await NestFactory.create(BackboneBenchModule, { logger: false });
  app.connectMicroservice({ strategy: app.get(JoinedUpServer) });
  await app.startAllMicroservices();
  const ms = await counter.done;
  await app.close();
  return (EVENTS / ms) * 1000;
}

async function nestKafkaTransport(cluster: BenchCluster, round: number): Promise<number> {
  counter = new HitCounter(EVENTS);
  @Module({ controllers: [NestNoopHandler] })
  class NestBenchModule {}
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(NestBenchModule, {
    logger: false,
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'bench-nest', brokers: [cluster.bootstrap], logLevel: logLevel.NOTHING },
      consumer: { groupId: `bench-nest-${round}`, maxWaitTimeInMs: 500 },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: PARTITIONS },
    },
  });
  await app.listen();
  const ms = await counter.done;
  await app.close();
  return (EVENTS / ms) * 1000;
}

async function main(): Promise<void> {
  setLogLevel('error');
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const cluster = new BenchCluster();
  await cluster.start();
  try {
    const avroTopic = cluster.catalogue.events.find(
      (e) => e.eventType === 'MissedCollectionReported',
    )!.topic;
    await cluster.createTopics([avroTopic, JSON_TOPIC], PARTITIONS);
    await produce(cluster, avroTopic);

    const raw: number[] = [];
    const rawDecoding: number[] = [];
    const ours: number[] = [];
    const nest: number[] = [];
    // BENCH_VARIANTS=transport (say) runs one variant alone, e.g. under a profiler.
    const only = process.env.BENCH_VARIANTS?.split(',');
    const runs = (name: string) => only === undefined || only.includes(name);
    for (let r = 0; r < ROUNDS; r++) {
      if (runs('raw')) raw.push(await rawEachBatch(cluster, avroTopic, r));
      if (runs('raw-decoding')) {
        rawDecoding.push(await rawEachBatchDecoding(cluster, avroTopic, r));
      }
      if (runs('transport')) ours.push(await joinedUpTransport(cluster, r));
      if (runs('nest')) nest.push(await nestKafkaTransport(cluster, r));
    }
    const result = {
      benchmark: 'backbone-transport',
      events: EVENTS,
      partitions: PARTITIONS,
      rounds: ROUNDS,
      rawKafkajsEachBatchPerSecond: round(median(raw)),
      rawKafkajsEachBatchDecodingPerSecond: round(median(rawDecoding)),
      joinedUpTransportPerSecond: round(median(ours)),
      nestKafkaTransportJsonPerSecond: round(median(nest)),
      transportToRawRatio: round(median(ours) / median(raw), 2),
      transportToRawDecodingRatio: round(median(ours) / median(rawDecoding), 2),
      transportToNestRatio: round(median(ours) / median(nest), 2),
      target: 'transportToRawRatio >= 0.8',
      runs: {
        raw: raw.map((v) => round(v)),
        rawDecoding: rawDecoding.map((v) => round(v)),
        transport: ours.map((v) => round(v)),
        nest: nest.map((v) => round(v)),
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
