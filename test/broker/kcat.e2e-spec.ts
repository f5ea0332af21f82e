import { Kafka } from 'kafkajs';
import { protocol } from '@joinedup/broker';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';
import { kcatOk } from '../support/kcat';
import { describeWithTool } from '../support/required-tools';

jest.setTimeout(60_000);

describeWithTool('kcat', 'kcat', 'librdkafka (kcat) against the broker', () => {
  const harness = new BrokerHarness();
  let kafka: Kafka;
  let b: string;

  beforeAll(async () => {
    await harness.start();
    b = harness.bootstrap;
    kafka = kafkaClient(b);
  });

  afterAll(() => harness.stop());

  const lines = (n: number, prefix: string): string =>
    Array.from({ length: n }, (_, i) => `key-${i % 7}:${prefix}-${i}`).join('\n') + '\n';

  it('produces with acks=-1 and consumes to the end with -e', async () => {
    const topic = uniqueName('kcat');
    await kcatOk(['-b', b, '-t', topic, '-P', '-K:', '-X', 'acks=all'], lines(500, 'v'));
    const out = await kcatOk([
      '-b',
      b,
      '-t',
      topic,
      '-C',
      '-e',
      '-o',
      'beginning',
      '-f',
      '%k=%s\n',
    ]);
    const got = out.toString().trim().split('\n');
    expect(got).toHaveLength(500);
    expect(got[0]).toBe('key-0=v-0');
    expect(got[499]).toBe('key-2=v-499');
  });

  it('lists metadata with -L', async () => {
    const topic = uniqueName('listed');
    await kcatOk(['-b', b, '-t', topic, '-P'], 'one\n');
    const meta = JSON.parse((await kcatOk(['-b', b, '-L', '-J'])).toString()) as {
      brokers: { id: number; name: string }[];
      topics: { topic: string; partitions: { partition: number; leader: number }[] }[];
    };
    expect(meta.brokers).toEqual([expect.objectContaining({ id: 1, name: b })]);
    const listed = meta.topics.find((t) => t.topic === topic);
    expect(listed?.partitions).toEqual([expect.objectContaining({ partition: 0, leader: 1 })]);
  });

  it('consumes as a balanced group with -G and commits its position', async () => {
    const topic = uniqueName('grouped');
    await kcatOk(
      ['-b', b, '-t', topic, '-P'],
      Array.from({ length: 20 }, (_, i) => `m${i}`).join('\n') + '\n',
    );
    const group = uniqueName('kcat-group');
    const first = await kcatOk([
      '-b',
      b,
      '-G',
      group,
      '-o',
      'beginning',
      '-c',
      '20',
      '-f',
      '%s\n',
      '-X',
      'auto.commit.interval.ms=100',
      topic,
    ]);
    expect(first.toString().trim().split('\n')).toHaveLength(20);

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    await admin.disconnect();
    expect(offsets[0].partitions[0].offset).toBe('20');
  });

  it('keeps gzip batches compressed on disk and serves them to both clients', async () => {
    const topic = uniqueName('gzip');
    await kcatOk(
      ['-b', b, '-t', topic, '-P', '-z', 'gzip', '-X', 'acks=all'],
      lines(200, 'zipped'),
    );
    const stored = harness.broker.logs.partition(topic, 0)!.read(0, 1 << 20)!;
    const header = protocol.readBatchHeader(stored, 0);
    expect(header.attributes & protocol.ATTR_COMPRESSION_MASK).toBe(1);

    const out = await kcatOk(['-b', b, '-t', topic, '-C', '-e', '-f', '%s\n']);
    expect(out.toString().trim().split('\n')).toHaveLength(200);
  });

  it('hands kafkajs exactly what kcat produced: keys, values, headers, timestamps', async () => {
    const topic = uniqueName('cross');
    const records = Array.from({ length: 25 }, (_, i) => ({
      key: `k${i}`,
      value: `välue ${i} £ ✓`,
      ts: 1_700_000_000_000 + i,
    }));
    for (const r of records) {
      await kcatOk(
        [
          '-b',
          b,
          '-t',
          topic,
          '-P',
          '-k',
          r.key,
          '-H',
          `trace=${r.key}`,
          '-H',
          'source=kcat',
          '-X',
          'acks=all',
        ],
        r.value,
      );
    }
    const consumer = kafka.consumer({ groupId: uniqueName('cross-reader'), maxWaitTimeInMs: 100 });
    const got: {
      key: string;
      value: Buffer;
      headers: Record<string, string>;
      timestamp: string;
    }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
          );
          got.push({
            key: message.key!.toString(),
            value: message.value!,
            headers,
            timestamp: message.timestamp,
          });
          if (got.length === records.length) resolve();
        },
      });
    });
    await consumer.disconnect();
    const kcatTimestamps = (await kcatOk(['-b', b, '-t', topic, '-C', '-e', '-f', '%T\n']))
      .toString()
      .trim()
      .split('\n');
    expect(got.map((g) => g.timestamp)).toEqual(kcatTimestamps);
    got.forEach((g, i) => {
      expect(g.key).toBe(records[i].key);
      expect(g.value.equals(Buffer.from(records[i].value))).toBe(true);
      expect(g.headers).toEqual({ trace: records[i].key, source: 'kcat' });
    });
  });

  it('hands kcat exactly what kafkajs produced', async () => {
    const topic = uniqueName('reverse');
    const producer = kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `key-${i}`,
      value: `payload ${i} ☃`,
      headers: { 'x-seq': String(i) },
      timestamp: String(1_690_000_000_000 + i * 7),
    }));
    await producer.send({ topic, messages: sent });
    await producer.disconnect();
    const out = await kcatOk(['-b', b, '-t', topic, '-C', '-e', '-f', '%k\t%s\t%T\t%h\n']);
    const rows = out
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows).toEqual(
      sent.map((m) => [m.key, m.value, m.timestamp, `x-seq=${m.headers['x-seq']}`]),
    );
  });
});
