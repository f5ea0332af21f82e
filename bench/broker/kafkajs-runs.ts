import { Kafka, logLevel } from 'kafkajs';
import { percentile } from '../support/measure';

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** A kafkajs consumer group of one reading the topic from the start; messages/s. */
export async function kafkajsConsume(
  bootstrap: string,
  topic: string,
  expected: number,
): Promise<number> {
  const consumer = client(bootstrap).consumer({
    groupId: `bench-${Date.now()}`,
    maxBytesPerPartition: 4 << 20,
    maxBytes: 16 << 20,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started = 0n;
  const ms = await new Promise<number>((resolve) => {
    void consumer.run({
      autoCommitInterval: 1000,
      eachBatch: async ({ batch }) => {
        if (started === 0n) started = process.hrtime.bigint();
        seen += batch.messages.length;
        if (seen >= expected) resolve(Number(process.hrtime.bigint() - started) / 1e6);
      },
    });
  });
  await consumer.disconnect();
  return (expected / ms) * 1000;
}

/**
 * Produce-to-consume latency at a steady rate: one message per millisecond tick, each carrying
 * its send time; the consumer records arrival minus send time.
 */
export async function kafkajsLatency(
  bootstrap: string,
  topic: string,
  rate: number,
  seconds: number,
): Promise<{ p50: number; p99: number; samples: number }> {
  const kafka = client(bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic }] });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `latency-${Date.now()}`, maxWaitTimeInMs: 500 });
  const producer = kafka.producer();
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: false });
  const delays: number[] = [];
  const total = rate * seconds;
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        delays.push(performance.now() + performance.timeOrigin - Number(message.value!.toString()));
        if (delays.length >= total) resolve();
      },
    });
  });
  await new Promise((r) => setTimeout(r, 1500));
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sends.push(
      producer.send({
        topic,
        acks: -1,
        messages: [{ value: String(performance.now() + performance.timeOrigin) }],
      }),
    );
  }
  await Promise.all(sends);
  await done;
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  delays.sort((a, b) => a - b);
  return { p50: percentile(delays, 50), p99: percentile(delays, 99), samples: delays.length };
}
