import * as net from 'node:net';
import { Kafka } from 'kafkajs';
import { protocol } from '@joinedup/broker';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { kafkaClient } from '../support/kafka-client';
import { fetchV11Body } from '../support/raw-kafka-client';

jest.setTimeout(120_000);

const { Writer, ApiKey } = protocol;

/** A deterministic generator, so a failing run can be repeated from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frame(
  apiKey: number,
  version: number,
  body: (w: InstanceType<typeof Writer>) => void,
): Buffer {
  const w = new Writer();
  w.int16(apiKey).int16(version).int32(7).string('fuzz');
  body(w);
  const payload = w.toBuffer();
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

/** Valid requests of several APIs, the seeds that mutations start from. */
function seeds(topic: string): Buffer[] {
  return [
    frame(ApiKey.ApiVersions, 2, () => undefined),
    frame(ApiKey.Metadata, 6, (w) => w.array([topic], (o, t) => o.string(t)).boolean(false)),
    frame(ApiKey.ListOffsets, 3, (w) =>
      w
        .int32(-1)
        .int8(0)
        .array([topic], (o, t) => o.string(t).array([0], (p, i) => p.int32(i).int64(-1))),
    ),
    frame(ApiKey.Fetch, 11, fetchV11Body(topic, 10)),
    frame(ApiKey.Produce, 7, (w) =>
      w
        .nullableString(null)
        .int16(1)
        .int32(1000)
        .array([topic], (o, t) =>
          o.string(t).array([0], (p, i) => p.int32(i).bytes(Buffer.alloc(70, 1))),
        ),
    ),
    frame(ApiKey.FindCoordinator, 2, (w) => w.string('fuzz-group').int8(0)),
    frame(ApiKey.OffsetFetch, 4, (w) =>
      w.string('fuzz-group').nullableArray(null, () => undefined),
    ),
  ];
}

function mutate(seed: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(seed);
  const flips = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < flips; i++) {
    // Mostly past the size prefix, so the broker must decode the damage rather than the length.
    const at = 4 + Math.floor(rand() * (out.length - 4));
    out[at] = Math.floor(rand() * 256);
  }
  return rand() < 0.2 ? out.subarray(0, Math.floor(rand() * out.length)) : out;
}

function randomBytes(rand: () => number): Buffer {
  const out = Buffer.alloc(1 + Math.floor(rand() * 64));
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

function sendAndHangUp(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(payload));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', () => undefined);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

describe('the broker under random and mutated frames', () => {
  const harness = new BrokerHarness();
  let kafka: Kafka;

  beforeAll(async () => {
    await harness.start();
    kafka = kafkaClient(harness.bootstrap);
  });

  afterAll(() => harness.stop());

  it('survives 3,000 bad frames and keeps serving a normal client', async () => {
    const rand = prng(20261203);
    const topic = uniqueName('fuzz');
    const valid = seeds(topic);
    const port = harness.broker.port;

    // A client connected throughout must keep working while others misbehave.
    const producer = kafka.producer();
    await producer.connect();

    for (let round = 0; round < 3000; round += 20) {
      const wave = Array.from({ length: 20 }, () =>
        rand() < 0.3 ? randomBytes(rand) : mutate(valid[Math.floor(rand() * valid.length)], rand),
      );
      await Promise.all(wave.map((payload) => sendAndHangUp(port, payload)));
    }

    const checkTopic = uniqueName('after-fuzz');
    await producer.send({
      topic: checkTopic,
      acks: -1,
      messages: [{ key: 'k', value: 'still here' }],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('after-fuzz'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: checkTopic, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
    });
    await consumer.disconnect();
    expect(value).toBe('still here');
    expect(harness.broker.connectionCount).toBeLessThan(10);
  });

  it('closes a connection whose size prefix exceeds the frame limit, and only that one', async () => {
    const bystander = net.connect(harness.broker.port, '127.0.0.1');
    await new Promise((r) => bystander.once('connect', r));
    const oversized = Buffer.alloc(8);
    oversized.writeInt32BE(200 * 1024 * 1024);
    const closed = new Promise<boolean>((resolve) => {
      const s = net.connect(harness.broker.port, '127.0.0.1', () => s.write(oversized));
      s.on('close', () => resolve(true));
      s.on('error', () => undefined);
    });
    expect(await closed).toBe(true);

    const answer = new Promise<Buffer>((resolve) => bystander.once('data', resolve));
    bystander.write(frame(ApiKey.ApiVersions, 0, () => undefined));
    const response = await answer;
    expect(response.readInt32BE(4)).toBe(7);
    expect(response.readInt16BE(8)).toBe(0);
    bystander.destroy();
  });
});
