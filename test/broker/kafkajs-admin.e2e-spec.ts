import { Kafka } from 'kafkajs';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';

jest.setTimeout(30_000);

describe('kafkajs admin against the broker', () => {
  const harness = new BrokerHarness({ autoCreateTopics: false });
  let kafka: Kafka;

  beforeAll(async () => {
    await harness.start();
    kafka = kafkaClient(harness.bootstrap);
  });

  afterAll(() => harness.stop());

  it('creates topics, reports an existing one as not created, lists and deletes them', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topic = uniqueName('admin');
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] })).toBe(false);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(4);
    expect(await admin.listTopics()).toContain(topic);
    await admin.deleteTopics({ topics: [topic] });
    expect(await admin.listTopics()).not.toContain(topic);
    await admin.disconnect();
  });

  it('refuses an invalid topic name and a replication factor above one', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await expect(admin.createTopics({ topics: [{ topic: 'bad name!' }] })).rejects.toThrow();
    const refused = await admin
      .createTopics({ topics: [{ topic: uniqueName('rf'), replicationFactor: 3 }] })
      .catch((err: { errors?: { type: string }[] }) => err);
    expect((refused as { errors: { type: string }[] }).errors.map((e) => e.type)).toEqual([
      'INVALID_REPLICATION_FACTOR',
    ]);
    await admin.disconnect();
  });

  it("does not create a topic on a producer's metadata request when auto-creation is off", async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 } });
    await producer.connect();
    await expect(
      producer.send({ topic: uniqueName('nowhere'), messages: [{ value: 'x' }] }),
    ).rejects.toThrow();
    await producer.disconnect();
  });

  it('answers earliest, latest and by-timestamp offsets', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topic = uniqueName('offsets');
    await admin.createTopics({ topics: [{ topic }] });
    const producer = kafka.producer();
    await producer.connect();
    const base = 1_700_000_000_000;
    for (let i = 0; i < 5; i++) {
      await producer.send({
        topic,
        messages: [{ value: String(i), timestamp: String(base + i * 1000) }],
      });
    }
    await producer.disconnect();

    const [latest] = await admin.fetchTopicOffsets(topic);
    expect(latest).toMatchObject({ partition: 0, offset: '5', low: '0', high: '5' });
    const [third] = await admin.fetchTopicOffsetsByTimestamp(topic, base + 2000);
    expect(third.offset).toBe('2');
    const [between] = await admin.fetchTopicOffsetsByTimestamp(topic, base + 2500);
    expect(between.offset).toBe('3');
    const [future] = await admin.fetchTopicOffsetsByTimestamp(topic, base + 60_000);
    expect(future.offset).toBe('5');
    await admin.disconnect();
  });

  it('lists and describes groups and their committed offsets', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topic = uniqueName('grouped');
    const groupId = uniqueName('group');
    await admin.createTopics({ topics: [{ topic }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async () => {
          if (++seen === 3) resolve();
        },
      });
    });
    const { groups } = await admin.listGroups();
    expect(groups).toContainEqual({ groupId, protocolType: 'consumer' });
    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({
      groupId,
      state: 'Stable',
      protocolType: 'consumer',
    });
    expect(described.groups[0].members).toHaveLength(1);
    await consumer.disconnect();

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0].partitions[0]).toMatchObject({ partition: 0, offset: '3' });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
    const reset = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(reset[0].partitions[0].offset).toBe('1');
    await admin.disconnect();
  });
});
