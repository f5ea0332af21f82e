import { ChildProcess } from 'node:child_process';
import { Kafka } from 'kafkajs';
import { uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';
import { spawnTs, waitForExit, waitForLine } from '../support/spawn-ts';
import { makeTempDir, removeDir } from '../support/temp-dir';

jest.setTimeout(90_000);

async function startBrokerProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; bootstrap: string }> {
  const child = spawnTs('apps/broker/src/main.ts', ['--port=0', `--data-dir=${dataDir}`]);
  const line = await waitForLine(child, /"broker listening"/);
  const { port } = JSON.parse(line) as { port: number };
  return { child, bootstrap: `127.0.0.1:${port}` };
}

describe('kill -9 of the broker during an acks=-1 produce stream', () => {
  const dataDir = makeTempDir('crash');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    if (child) await waitForExit(child);
    removeDir(dataDir);
  });

  it('loses no acknowledged message and leaves no gap or duplicate', async () => {
    const topic = uniqueName('durable');
    const first = await startBrokerProcess(dataDir);
    child = first.child;
    const producer = kafkaClient(first.bootstrap).producer({ retry: { retries: 0 } });
    await producer.connect();

    const acknowledged: string[] = [];
    let stopped = false;
    const stream = (async () => {
      for (let i = 0; !stopped; i++) {
        const values = Array.from({ length: 20 }, (_, j) => `${i}-${j}`);
        try {
          await producer.send({
            topic,
            acks: -1,
            messages: values.map((value) => ({ key: value.split('-')[1], value })),
          });
          acknowledged.push(...values);
        } catch {
          return;
        }
      }
    })();

    while (acknowledged.length < 2000) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await waitForExit(child);
    stopped = true;
    await stream;
    await producer.disconnect().catch(() => undefined);

    const second = await startBrokerProcess(dataDir);
    child = second.child;
    const kafka: Kafka = kafkaClient(second.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    const [{ high }] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const total = Number(high);
    expect(total).toBeGreaterThanOrEqual(acknowledged.length);

    const consumer = kafka.consumer({ groupId: uniqueName('audit'), maxWaitTimeInMs: 100 });
    const offsets: number[] = [];
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          offsets.push(Number(message.offset));
          values.push(message.value!.toString());
          if (offsets.length === total) resolve();
        },
      });
    });
    await consumer.disconnect();

    expect(offsets).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(new Set(values).size).toBe(values.length);
    const stored = new Set(values);
    expect(acknowledged.filter((v) => !stored.has(v))).toEqual([]);
  });

  it('stops cleanly on SIGTERM: answers a parked fetch, flushes, exits 0, keeps every message', async () => {
    const topic = uniqueName('graceful');
    const dir = makeTempDir('graceful');
    try {
      const first = await startBrokerProcess(dir);
      const kafka = kafkaClient(first.bootstrap);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic,
        acks: 1,
        messages: Array.from({ length: 100 }, (_, i) => ({ value: `m${i}` })),
      });
      await producer.disconnect();

      // It must not try to reconnect to the stopped broker for ever after the test.
      const consumer = kafka.consumer({
        groupId: uniqueName('parked'),
        maxWaitTimeInMs: 5000,
        retry: { retries: 0, restartOnFailure: async () => false },
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({ eachMessage: async () => undefined });
      await new Promise((r) => setTimeout(r, 500));

      const stoppedAt = Date.now();
      first.child.kill('SIGTERM');
      const code = await waitForExit(first.child);
      expect(code).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(5000);
      await consumer.disconnect().catch(() => undefined);

      const second = await startBrokerProcess(dir);
      child?.kill('SIGKILL');
      child = second.child;
      const admin = kafkaClient(second.bootstrap).admin();
      await admin.connect();
      const [{ high }] = await admin.fetchTopicOffsets(topic);
      await admin.disconnect();
      expect(high).toBe('100');
    } finally {
      removeDir(dir);
    }
  });
});
