import { redriveCommand } from '../../apps/cli/src/commands/redrive.command';
import { kafkaClient } from '../support/kafka-client';
import { uniqueName } from '../support/broker-harness';
import { CapturedIo, HubHarness } from './cli-harness';

jest.setTimeout(60_000);

describe('joinedup redrive', () => {
  const harness = new HubHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('re-publishes dead letters to their original topic, without the error headers, once', async () => {
    const topic = uniqueName('joinedup.waste.requests');
    const dlq = `${topic}.dlq`;
    const kafka = kafkaClient(harness.hub.kafka);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }, { topic: dlq }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: dlq,
      messages: ['first', 'second'].map((value, i) => ({
        key: `key-${i}`,
        value,
        headers: {
          eventType: 'MissedCollectionReported',
          '__connect.errors.topic': topic,
          '__connect.errors.partition': '0',
          '__connect.errors.offset': String(i),
          '__connect.errors.exception.message': 'handler failed',
        },
      })),
    });
    await producer.disconnect();

    const run = new CapturedIo();
    expect(await redriveCommand(dlq, harness.context(run.io))).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ dlqTopic: dlq, read: 2, redriven: 2, skipped: 0 });

    const consumer = kafka.consumer({ groupId: uniqueName('redriven'), maxWaitTimeInMs: 100 });
    const received: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
          );
          received.push({ key: String(message.key), value: String(message.value), headers });
          if (received.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(received.map((r) => [r.key, r.value])).toEqual([
      ['key-0', 'first'],
      ['key-1', 'second'],
    ]);
    expect(received[0].headers.eventType).toBe('MissedCollectionReported');
    expect(Object.keys(received[0].headers).some((h) => h.startsWith('__connect.errors'))).toBe(
      false,
    );
    expect(received[0].headers['joinedup.redriven-from']).toContain(dlq);

    const again = new CapturedIo();
    expect(await redriveCommand(dlq, harness.context(again.io))).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ read: 0, redriven: 0 });
  });
});
