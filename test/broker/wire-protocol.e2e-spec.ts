import { buildRecordBatch, protocol } from '@joinedup/broker';
import { LogSink, setLogLevel, setLogSink } from '@joinedup/logging';
import { BrokerHarness, uniqueName } from '../support/broker-harness';
import { fetchV11Body, RawKafkaClient } from '../support/raw-kafka-client';

const { ApiKey, ErrorCode } = protocol;

function produceBody(topic: string, acks: number, records: Buffer, version = 7) {
  return (w: InstanceType<typeof protocol.Writer>): void => {
    if (version >= 3) w.nullableString(null);
    w.int16(acks).int32(5000);
    w.array([topic], (t, name) => t.string(name).array([0], (p, i) => p.int32(i).bytes(records)));
  };
}

/** Reads a Produce v3+ response with one topic and one partition: [error, baseOffset]. */
function readProduce(r: InstanceType<typeof protocol.Reader>): [number, number] {
  expect(r.int32()).toBe(1);
  r.string();
  expect(r.int32()).toBe(1);
  r.int32();
  return [r.int16(), r.int64()];
}

describe('the broker at the wire', () => {
  const harness = new BrokerHarness();
  const logged: string[] = [];
  const sink: LogSink = { write: (line) => void logged.push(line) };
  let client: RawKafkaClient;

  beforeAll(async () => {
    await harness.start();
    setLogSink(sink);
    setLogLevel('warn');
  });

  beforeEach(async () => {
    logged.length = 0;
    client = await RawKafkaClient.connect(harness.broker.port);
  });

  afterEach(() => client.close());

  afterAll(async () => {
    setLogSink(undefined);
    setLogLevel('error');
    await harness.stop();
  });

  it('answers an ApiVersions version it does not know with error 35 and its ranges', async () => {
    const r = await client.request(ApiKey.ApiVersions, 9, () => undefined);
    expect(r.int16()).toBe(ErrorCode.UNSUPPORTED_VERSION);
    const keys = r.array((x) => ({ key: x.int16(), min: x.int16(), max: x.int16() }));
    expect(keys).toContainEqual({ key: ApiKey.Fetch, min: 4, max: 11 });
    expect(keys.map((k) => k.key)).not.toContain(26);
  });

  it('closes only the connection that sends an unknown api key, logging the client and reason', async () => {
    const bystander = await RawKafkaClient.connect(harness.broker.port);
    client.send(77, 0, () => undefined);
    expect(await client.waitClosed()).toBe(true);
    const line = logged
      .map((l) => JSON.parse(l) as Record<string, string>)
      .find((l) => /unknown api key 77/.test(l.reason));
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'closing connection after a malformed request',
    });
    expect(line?.client).toMatch(/^127\.0\.0\.1:\d+$/);

    const r = await bystander.request(ApiKey.ApiVersions, 0, () => undefined);
    expect(r.int16()).toBe(ErrorCode.NONE);
    bystander.close();
  });

  it('closes a connection that sends a truncated request body', async () => {
    client.send(ApiKey.Metadata, 6, (w) => w.int32(5).string('only-one'));
    expect(await client.waitClosed()).toBe(true);
    expect(logged.join()).toMatch(/truncated/);
  });

  it('answers Produce v0-2 with UNSUPPORTED_VERSION rather than storing old formats', async () => {
    const topic = uniqueName('old');
    const batch = buildRecordBatch({ records: [{ value: 'x' }] });
    const r = await client.request(ApiKey.Produce, 2, produceBody(topic, 1, batch, 2));
    const [error] = readProduce(r);
    expect(error).toBe(ErrorCode.UNSUPPORTED_VERSION);
  });

  it('refuses a batch whose CRC does not match and stores nothing', async () => {
    const topic = uniqueName('crc');
    await client.request(ApiKey.Metadata, 6, (w) =>
      w.array([topic], (o, t) => o.string(t)).boolean(true),
    );
    const batch = buildRecordBatch({ records: [{ value: 'payload' }] });
    batch[batch.length - 1] ^= 0xff;
    const [error] = readProduce(
      await client.request(ApiKey.Produce, 7, produceBody(topic, -1, batch)),
    );
    expect(error).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(harness.broker.logs.partition(topic, 0)?.logEndOffset).toBe(0);
    expect(client.closed).toBe(false);
    const refusal = logged
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'produce refused');
    expect(refusal).toMatchObject({ topic, partition: 0, error: 'CORRUPT_MESSAGE' });
  });

  it('refuses a transactional batch and an invalid acks value', async () => {
    const topic = uniqueName('txn');
    await client.request(ApiKey.Metadata, 6, (w) =>
      w.array([topic], (o, t) => o.string(t)).boolean(true),
    );
    const txn = buildRecordBatch({
      records: [{ value: 'v' }],
      transactional: true,
      producerId: 5,
      epoch: 0,
      baseSequence: 0,
    });
    expect(
      readProduce(await client.request(ApiKey.Produce, 7, produceBody(topic, -1, txn)))[0],
    ).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
    const plain = buildRecordBatch({ records: [{ value: 'v' }] });
    expect(
      readProduce(await client.request(ApiKey.Produce, 7, produceBody(topic, 2, plain)))[0],
    ).toBe(ErrorCode.INVALID_REQUIRED_ACKS);
  });

  it('sends no response to acks=0 but stores the batch', async () => {
    const topic = uniqueName('fire-and-forget');
    await client.request(ApiKey.Metadata, 6, (w) =>
      w.array([topic], (o, t) => o.string(t)).boolean(true),
    );
    client.send(
      ApiKey.Produce,
      7,
      produceBody(topic, 0, buildRecordBatch({ records: [{ value: 'a' }, { value: 'b' }] })),
    );
    const r = await client.request(ApiKey.ApiVersions, 0, () => undefined);
    expect(r.int16()).toBe(ErrorCode.NONE);
    expect(harness.broker.logs.partition(topic, 0)?.logEndOffset).toBe(2);
  });

  it('treats a null topic list as all topics and an empty list as none', async () => {
    const topic = uniqueName('listed');
    await client.request(ApiKey.Metadata, 6, (w) =>
      w.array([topic], (o, t) => o.string(t)).boolean(true),
    );
    const all = await client.request(ApiKey.Metadata, 6, (w) => w.int32(-1).boolean(false));
    const none = await client.request(ApiKey.Metadata, 6, (w) => w.int32(0).boolean(false));
    const topicNames = (r: InstanceType<typeof protocol.Reader>): string[] => {
      r.int32();
      r.array((b) => [b.int32(), b.string(), b.int32(), b.nullableString()]);
      r.nullableString();
      r.int32();
      return r.array((t) => {
        t.int16();
        const name = t.string();
        t.boolean();
        t.array((p) => [
          p.int16(),
          p.int32(),
          p.int32(),
          p.array((x) => x.int32()),
          p.array((x) => x.int32()),
          p.array((x) => x.int32()),
        ]);
        return name;
      });
    };
    expect(topicNames(all)).toContain(topic);
    expect(topicNames(none)).toEqual([]);
  });

  it('parks a fetch at the log end until data arrives', async () => {
    const topic = uniqueName('parked');
    await client.request(ApiKey.Metadata, 6, (w) =>
      w.array([topic], (o, t) => o.string(t)).boolean(true),
    );
    const started = Date.now();
    const fetchId = client.send(ApiKey.Fetch, 11, fetchV11Body(topic, 3000));
    const producer = await RawKafkaClient.connect(harness.broker.port);
    setTimeout(
      () =>
        producer.send(
          ApiKey.Produce,
          7,
          produceBody(topic, 1, buildRecordBatch({ records: [{ value: 'late' }] })),
        ),
      200,
    );
    const frame = await client.next(5000);
    producer.close();
    const waited = Date.now() - started;
    expect(frame).not.toBeNull();
    expect(frame!.readInt32BE(0)).toBe(fetchId);
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(2500);
  });
});
