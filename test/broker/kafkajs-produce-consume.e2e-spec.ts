import { CompressionTypes, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';

interface Received {
  partition: number;
  message: KafkaMessage;
}

async function consumeAll(kafka: Kafka, topic: string, count: number): Promise<Received[]> {
  const consumer: Consumer = kafka.consumer({
    groupId: uniqueName('reader'),
    maxWaitTimeInMs: 100,
  });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`received ${received.length} of ${count}`)),
      20_000,
    );
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, message });
        if (received.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return received;
}

describe('kafkajs producing to and consuming from the broker', () => {
  const harness = new BrokerHarness();
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    await harness.start();
    kafka = kafkaClient(harness.bootstrap);
  });

  afterEach(async () => {
    await producer?.disconnect();
  });

  afterAll(() => harness.stop());

  it.each([
    ['acks=1', 1, CompressionTypes.None],
    ['acks=-1', -1, CompressionTypes.None],
    ['acks=-1 with gzip', -1, CompressionTypes.GZIP],
  ])(
    'round-trips keys, values, headers and timestamps with %s',
    async (_label, acks, compression) => {
      const topic = uniqueName('orders');
      producer = kafka.producer();
      await producer.connect();
      const sent = Array.from({ length: 50 }, (_, i) => ({
        key: `case-${i % 5}`,
        value: JSON.stringify({ n: i }),
        headers: { 'x-index': String(i) },
        timestamp: String(1_700_000_000_000 + i),
      }));
      const acked = await producer.send({ topic, acks, compression, messages: sent });
      expect(acked[0].errorCode).toBe(0);

      const received = await consumeAll(kafka, topic, sent.length);
      const byIndex = received
        .map((r) => r.message)
        .sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(byIndex.map((m) => m.offset)).toEqual(sent.map((_, i) => String(i)));
      byIndex.forEach((m, i) => {
        expect(m.key?.toString()).toBe(sent[i].key);
        expect(m.value?.toString()).toBe(sent[i].value);
        expect(m.headers?.['x-index']?.toString()).toBe(String(i));
        expect(m.timestamp).toBe(sent[i].timestamp);
      });
    },
  );

  it('keeps an idempotent producer exactly-once across many sends', async () => {
    const topic = uniqueName('idempotent');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let batch = 0; batch < 10; batch++) {
      await producer.send({
        topic,
        messages: Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: `${batch}-${i}` })),
      });
    }
    const received = await consumeAll(kafka, topic, 100);
    const values = received.map((r) => r.message.value?.toString());
    expect(new Set(values).size).toBe(100);
    expect(values[0]).toBe('0-0');
    expect(values[99]).toBe('9-9');
  });

  it('keeps order per key across partitions', async () => {
    const topic = uniqueName('keyed');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 90 }, (_, i) => ({
      key: `uprn-${i % 6}`,
      value: String(i),
    }));
    await producer.send({ topic, messages });

    const received = await consumeAll(kafka, topic, messages.length);
    const perKey = new Map<string, { partition: number; values: number[] }>();
    for (const { partition, message } of received) {
      const key = message.key!.toString();
      const entry = perKey.get(key) ?? { partition, values: [] };
      expect(entry.partition).toBe(partition);
      entry.values.push(Number(message.value!.toString()));
      perKey.set(key, entry);
    }
    expect(perKey.size).toBe(6);
    for (const { values } of perKey.values())
      expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set([...perKey.values()].map((e) => e.partition)).size).toBeGreaterThan(1);
  });
});
