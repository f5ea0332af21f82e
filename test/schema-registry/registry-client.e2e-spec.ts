import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { kafkaClient } from '../support/kafka-client';
import { RegistryHarness, uniqueName } from '../support/registry-harness';

jest.setTimeout(90_000);

const caseV1 = {
  type: 'record',
  name: 'MissedCollectionReported',
  namespace: 'uk.gov.joinedup.waste',
  fields: [
    { name: 'caseId', type: 'string' },
    { name: 'uprn', type: 'long' },
  ],
};
const caseV2 = {
  ...caseV1,
  fields: [...caseV1.fields, { name: 'reason', type: ['null', 'string'], default: null }],
};
const caseBroken = { ...caseV1, fields: [...caseV1.fields, { name: 'round', type: 'string' }] };

describe('@kafkajs/confluent-schema-registry against our registry and broker', () => {
  const harness = new RegistryHarness();
  let client: SchemaRegistry;

  beforeAll(async () => {
    await harness.start();
    client = new SchemaRegistry({ host: harness.url });
  });
  afterAll(() => harness.stop());

  it('registers, encodes and decodes in the Confluent wire format', async () => {
    const subject = uniqueName('waste.missed-collection-value');
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(caseV1) },
      { subject },
    );

    const event = { caseId: 'WST-1', uprn: 100023336956 };
    const encoded = await client.encode(id, event);
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    expect(await client.decode(encoded)).toEqual(event);

    expect(await client.getLatestSchemaId(subject)).toBe(id);
    expect(
      await client.getRegistryIdBySchema(subject, {
        type: SchemaType.AVRO,
        schema: JSON.stringify(caseV1),
      }),
    ).toBe(id);
    // The client set the subject's level on first registration, as it does against Confluent.
    expect((await harness.get(`/config/${subject}`)).body).toEqual({
      compatibilityLevel: 'BACKWARD',
    });
  });

  it('reads an old event with a newer schema after an evolution', async () => {
    const subject = uniqueName('waste.evolution-value');
    const v1 = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(caseV1) },
      { subject },
    );
    const v2 = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(caseV2) },
      { subject },
    );
    expect(v2.id).not.toBe(v1.id);

    const old = await client.encode(v1.id, { caseId: 'WST-2', uprn: 1 });
    const fresh = new SchemaRegistry({ host: harness.url });
    expect(
      await fresh.decode(old, {
        [SchemaType.AVRO]: { readerSchema: { ...caseV2, type: 'record' as const } },
      }),
    ).toEqual({
      caseId: 'WST-2',
      uprn: 1,
      reason: null,
    });
  });

  it('gets the registry explanation when a schema is incompatible', async () => {
    const subject = uniqueName('waste.incompatible-value');
    await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(caseV1) }, { subject });
    await expect(
      client.register({ type: SchemaType.AVRO, schema: JSON.stringify(caseBroken) }, { subject }),
    ).rejects.toThrow(/round/);
  });

  it('carries an encoded event through the broker and decodes it on the other side', async () => {
    const subject = uniqueName('waste.roundtrip-value');
    const topic = uniqueName('waste.roundtrip');
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(caseV2) },
      { subject },
    );
    const kafka = kafkaClient(harness.broker.bootstrap);
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: uniqueName('decoder') });
    try {
      await producer.connect();
      const event = { caseId: 'WST-3', uprn: 42, reason: 'bin not out' };
      await producer.send({ topic, messages: [{ value: await client.encode(id, event) }] });

      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const received = new Promise<unknown>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve(new SchemaRegistry({ host: harness.url }).decode(message.value!)),
        });
      });
      expect(await received).toEqual(event);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
