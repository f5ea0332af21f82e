import { Consumer } from 'kafkajs';
import { startSchemaRegistry } from '@joinedup/schema-registry';
import { kafkaClient } from '../support/kafka-client';
import { RegistryHarness, uniqueName } from '../support/registry-harness';

jest.setTimeout(90_000);

const schema = (name: string, extra: object[] = []) =>
  JSON.stringify({ type: 'record', name, fields: [{ name: 'id', type: 'string' }, ...extra] });

interface TopicRecord {
  key: unknown;
  value: unknown;
}

/** Every record of the topic, read with a plain kafkajs consumer as any Kafka tool would. */
async function readTopic(
  bootstrap: string,
  topic: string,
  expected: number,
): Promise<TopicRecord[]> {
  const consumer: Consumer = kafkaClient(bootstrap).consumer({ groupId: uniqueName('reader') });
  const records: TopicRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        records.push({
          key: JSON.parse(message.key!.toString()),
          value: message.value === null ? null : JSON.parse(message.value.toString()),
        });
        if (records.length >= expected) resolve();
      },
    });
  });
  await done;
  await consumer.disconnect();
  return records;
}

describe('schema registry state in the _schemas topic over the real broker', () => {
  const harness = new RegistryHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('keeps ids, versions, deletions, config and mode across a restart, and never reuses an id', async () => {
    const kept = uniqueName('kept');
    const gone = uniqueName('gone');
    const idA = ((await harness.register(kept, schema('A'))).body as { id: number }).id;
    const idB = (
      (await harness.register(kept, schema('A', [{ name: 'b', type: 'int', default: 0 }])))
        .body as { id: number }
    ).id;
    const idGone = ((await harness.register(gone, schema('Gone'))).body as { id: number }).id;
    await harness.delete(`/subjects/${kept}/versions/1`);
    await harness.put(`/config/${kept}`, { compatibility: 'FULL' });
    await harness.put(`/mode/${kept}`, { mode: 'READWRITE' });
    await harness.delete(`/subjects/${gone}`);
    await harness.delete(`/subjects/${gone}?permanent=true`);

    await harness.restartRegistry();

    expect((await harness.get(`/subjects/${kept}/versions`)).body).toEqual([2]);
    expect((await harness.get(`/subjects/${kept}/versions?deleted=true`)).body).toEqual([1, 2]);
    expect((await harness.get(`/subjects/${kept}/versions/2`)).body).toMatchObject({ id: idB });
    expect((await harness.get(`/schemas/ids/${idA}`)).body).toEqual({ schema: schema('A') });
    expect((await harness.get(`/config/${kept}`)).body).toEqual({ compatibilityLevel: 'FULL' });
    expect((await harness.get(`/mode/${kept}`)).body).toEqual({ mode: 'READWRITE' });
    expect((await harness.get('/subjects?deleted=true')).body).not.toContain(gone);
    expect((await harness.get(`/schemas/ids/${idGone}`)).body).toMatchObject({ error_code: 40403 });

    // The highest id belonged to the permanently deleted subject; it is never handed out again.
    const next = (
      (await harness.register(uniqueName('next'), schema('Next'))).body as { id: number }
    ).id;
    expect(next).toBeGreaterThan(idGone);
    expect(
      (await harness.register(kept, schema('A', [{ name: 'b', type: 'int', default: 0 }]))).body,
    ).toEqual({ id: idB });
  });

  it('writes Confluent-shaped keys and values, and tombstones for permanent deletes', async () => {
    const bootstrap = harness.broker.bootstrap;
    const topic = uniqueName('_schemas_format');
    const registry = await startSchemaRegistry({
      port: 0,
      topic,
      kafka: { brokers: [bootstrap], clientId: 'format-e2e' },
    });
    const call = (method: string, path: string, body?: object) =>
      fetch(`${registry.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: body && JSON.stringify(body),
      });
    try {
      await call('POST', '/subjects/s/versions', { schema: '"string"' });
      await call('PUT', '/config', { compatibility: 'FULL' });
      await call('PUT', '/mode/s', { mode: 'READWRITE' });
      await call('DELETE', '/subjects/s');
      await call('DELETE', '/subjects/s?permanent=true');
    } finally {
      await registry.close();
    }

    const records = await readTopic(bootstrap, topic, 7);
    expect(records).toEqual([
      {
        key: { keytype: 'SCHEMA', subject: 's', version: 1, magic: 1 },
        value: { subject: 's', version: 1, id: 1, schema: '"string"', deleted: false },
      },
      {
        key: { keytype: 'CONFIG', subject: null, magic: 0 },
        value: { compatibilityLevel: 'FULL' },
      },
      { key: { keytype: 'MODE', subject: 's', magic: 0 }, value: { mode: 'READWRITE' } },
      {
        key: { keytype: 'SCHEMA', subject: 's', version: 1, magic: 1 },
        value: { subject: 's', version: 1, id: 1, schema: '"string"', deleted: true },
      },
      { key: { keytype: 'SCHEMA', subject: 's', version: 1, magic: 1 }, value: null },
      { key: { keytype: 'ID_WATERMARK', magic: 0 }, value: { maxId: 1 } },
      { key: { keytype: 'MODE', subject: 's', magic: 0 }, value: null },
    ]);
  });

  it('keeps a second instance on the same topic current with the first one', async () => {
    const second = await startSchemaRegistry({
      port: 0,
      topic: harness.topic,
      kafka: { brokers: [harness.broker.bootstrap], clientId: 'second-e2e' },
    });
    try {
      const subject = uniqueName('shared');
      const { id } = (await harness.register(subject, schema('Shared'))).body as { id: number };
      const deadline = Date.now() + 10_000;
      let seen: unknown;
      do {
        const response = await fetch(`${second.url}/subjects/${subject}/versions/latest`);
        seen = await response.json();
        if (response.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } while (Date.now() < deadline);
      expect(seen).toMatchObject({ subject, version: 1, id });
    } finally {
      await second.close();
    }
  });
});
