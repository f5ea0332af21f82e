import { Kafka } from 'kafkajs';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';

jest.setTimeout(60_000);

describe('a broker restart', () => {
  const harness = new BrokerHarness();
  let kafka: Kafka;

  beforeAll(async () => {
    await harness.start();
    kafka = kafkaClient(harness.bootstrap);
  });

  afterAll(() => harness.stop());

  async function consume(
    groupId: string,
    topic: string,
    until: (values: string[]) => boolean,
  ): Promise<string[]> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value!.toString());
          if (until(values)) resolve();
        },
      });
    });
    await consumer.disconnect();
    return values;
  }

  it('keeps messages and committed offsets, so a group resumes where it stopped', async () => {
    const topic = uniqueName('restart');
    const groupId = uniqueName('resume');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: ['1', '2', '3'].map((value) => ({ value })) });
    await producer.disconnect();

    const first = await consume(groupId, topic, (v) => v.length === 3);
    expect(first).toEqual(['1', '2', '3']);

    await harness.restart();

    const again = kafka.producer();
    await again.connect();
    await again.send({ topic, messages: ['4', '5'].map((value) => ({ value })) });
    await again.disconnect();

    const second = await consume(groupId, topic, (v) => v.includes('5'));
    expect(second).toEqual(['4', '5']);

    const fresh = await consume(uniqueName('fresh'), topic, (v) => v.length === 5);
    expect(fresh).toEqual(['1', '2', '3', '4', '5']);
  });
});
