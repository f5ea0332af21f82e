import { Consumer, Kafka } from 'kafkajs';
import { ChildProcess } from 'node:child_process';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';
import { spawnTs, waitForExit, waitForLine } from '../support/spawn-ts';

jest.setTimeout(60_000);

const PARTITIONS = 6;

interface Member {
  consumer: Consumer;
  partitions: number[];
}

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a kafkajs consumer group of three on the broker', () => {
  const harness = new BrokerHarness();
  let kafka: Kafka;
  let topic: string;
  let groupId: string;
  const members: Member[] = [];
  let child: ChildProcess | undefined;
  let childPartitions: number[] = [];

  async function join(): Promise<Member> {
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 3000,
      heartbeatInterval: 300,
      rebalanceTimeout: 5000,
      maxWaitTimeInMs: 100,
    });
    const member: Member = { consumer, partitions: [] };
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      member.partitions = e.payload.memberAssignment[topic] ?? [];
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    members.push(member);
    return member;
  }

  function covered(expectedSizes: number[], extra: number[] = []): boolean {
    const all = [...members.flatMap((m) => m.partitions), ...extra].sort((a, b) => a - b);
    const sizes = [
      ...members.map((m) => m.partitions.length),
      ...(extra.length ? [extra.length] : []),
    ].sort();
    return (
      all.join() === Array.from({ length: PARTITIONS }, (_, i) => i).join() &&
      sizes.join() === expectedSizes.join()
    );
  }

  beforeAll(async () => {
    await harness.start();
    kafka = kafkaClient(harness.bootstrap);
    topic = uniqueName('rounds');
    groupId = uniqueName('crew');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
    await admin.disconnect();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await Promise.all(members.map((m) => m.consumer.disconnect()));
    await harness.stop();
  });

  it('shares partitions among three members, one of them in another process', async () => {
    await join();
    await join();
    child = spawnTs('test/support/group-member.ts', [harness.bootstrap, groupId, topic]);
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        childPartitions = (JSON.parse(line) as { partitions: number[] }).partitions;
      }
    });
    await eventually(
      () => covered([2, 2, 2], childPartitions),
      'three members with two partitions each',
    );
  });

  it('rebalances to the survivors when a member is killed', async () => {
    child!.kill('SIGKILL');
    await waitForExit(child!);
    child = undefined;
    await eventually(() => covered([3, 3]), 'two members with three partitions each');
  });

  it('rebalances when a member joins and when it leaves', async () => {
    const late = await join();
    await eventually(() => covered([2, 2, 2]), 'a third member to be given two partitions');
    await late.consumer.disconnect();
    members.splice(members.indexOf(late), 1);
    await eventually(() => covered([3, 3]), "the leaver's partitions to be shared out");
  });

  it('delivers every message once to the group', async () => {
    const seen = new Map<string, number>();
    const groupTopic = uniqueName('delivery');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: groupTopic, numPartitions: 3 }] });
    await admin.disconnect();
    const deliveryGroup = uniqueName('delivery-crew');
    const consumers = [0, 1, 2].map(() =>
      kafka.consumer({ groupId: deliveryGroup, maxWaitTimeInMs: 100 }),
    );
    for (const c of consumers) {
      await c.connect();
      await c.subscribe({ topic: groupTopic, fromBeginning: true });
      await c.run({
        eachMessage: async ({ message }) =>
          void seen.set(message.value!.toString(), (seen.get(message.value!.toString()) ?? 0) + 1),
      });
    }
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: groupTopic,
      messages: Array.from({ length: 300 }, (_, i) => ({ key: String(i), value: String(i) })),
    });
    await producer.disconnect();
    await eventually(() => seen.size === 300, 'all 300 messages');
    await Promise.all(consumers.map((c) => c.disconnect()));
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('gives a lone member of a new group every partition', async () => {
    const probe = spawnTs('test/support/group-member.ts', [
      harness.bootstrap,
      uniqueName('probe'),
      topic,
    ]);
    const line = await waitForLine(probe, /"assigned"/);
    probe.kill('SIGKILL');
    expect(JSON.parse(line).partitions).toHaveLength(PARTITIONS);
  });
});
