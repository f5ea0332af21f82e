import * as fs from 'node:fs';
import * as path from 'node:path';
import { AvroSerde, SchemaRegistryClient } from '@joinedup/avro';
import { Broker } from '@joinedup/broker';
import {
  eventFromJson,
  findCatalogueEntry,
  loadCatalogue,
  loadEventSchema,
  loadEventType,
  RecordSchemaJson,
} from '@joinedup/contracts';
import { setLogLevel } from '@joinedup/logging';
import { RunningSchemaRegistry, startSchemaRegistry } from '@joinedup/schema-registry';
import { makeTempDir, removeDir } from '../support/temp-dir';

setLogLevel('error');
jest.setTimeout(30_000);

/**
 * The previous version of a real contract: the current MissedCollectionReported with its
 * optional `containerType` field not yet added, as a council's older producer would write.
 */
function previousVersion(current: RecordSchemaJson): RecordSchemaJson {
  const copy = JSON.parse(JSON.stringify(current)) as RecordSchemaJson;
  const payload = copy.fields.find((f) => f.name === 'payload')!;
  const record = payload.type as RecordSchemaJson;
  record.fields = record.fields.filter((f) => f.name !== 'containerType');
  return copy;
}

describe('reading a real contract across its versions', () => {
  const dataDir = makeTempDir('evolution');
  let broker: Broker;
  let registry: RunningSchemaRegistry;
  const catalogue = loadCatalogue();
  const entry = findCatalogueEntry(catalogue, 'MissedCollectionReported');
  const current = loadEventSchema(catalogue, entry);
  const fromJson = (json: unknown): Record<string, unknown> =>
    eventFromJson(loadEventType(catalogue, entry), json) as Record<string, unknown>;
  const example = JSON.parse(
    fs.readFileSync(path.join('contracts', 'examples', 'MissedCollectionReported.json'), 'utf8'),
  ) as Record<string, unknown>;

  beforeAll(async () => {
    broker = await Broker.start({ port: 0, dataDir });
    registry = await startSchemaRegistry({
      port: 0,
      kafka: { brokers: [broker.bootstrap], clientId: 'evolution' },
    });
    const client = new SchemaRegistryClient({ url: registry.url });
    await client.setCompatibility(entry.subject, entry.compatibility);
    expect(await client.register(entry.subject, previousVersion(current))).toBeGreaterThan(0);
    await client.register(entry.subject, current);
  });

  afterAll(async () => {
    await registry.close();
    await broker.close();
    removeDir(dataDir);
  });

  it('reads an event written with the previous version as the current one, with the default', async () => {
    const serde = new AvroSerde({ registry: { url: registry.url } });
    const old = fromJson(example) as { payload: Record<string, unknown> };
    delete old.payload.containerType;
    const written = await serde.encode(entry.subject, old, { version: 1 });

    const asWritten = (await serde.decode(written)) as { payload: Record<string, unknown> };
    expect(asWritten.payload).not.toHaveProperty('containerType');

    const asCurrent = (await serde.decode(written, { subject: entry.subject })) as {
      payload: Record<string, unknown>;
      eventId: string;
    };
    expect(asCurrent.payload.containerType).toBeNull();
    expect(asCurrent.eventId).toBe(example.eventId);
    expect(asCurrent.payload.uprn).toBe((example.payload as Record<string, unknown>).uprn);
  });

  it('reads an event written with the current version as the previous one, dropping the new field', async () => {
    const serde = new AvroSerde({ registry: { url: registry.url } });
    const written = await serde.encode(entry.subject, fromJson(example));
    const asPrevious = (await serde.decode(written, { subject: entry.subject, version: 1 })) as {
      payload: Record<string, unknown>;
    };
    expect(asPrevious.payload).not.toHaveProperty('containerType');
    expect(asPrevious.payload.caseReference).toBe(
      (example.payload as Record<string, unknown>).caseReference,
    );
  });

  it('refuses a version that breaks the contract, naming the field', async () => {
    const broken = JSON.parse(JSON.stringify(current)) as RecordSchemaJson;
    const payload = broken.fields.find((f) => f.name === 'payload')!.type as RecordSchemaJson;
    payload.fields.push({ name: 'crewId', type: 'string', doc: 'required with no default' });
    const res = await fetch(`${registry.url}/subjects/${entry.subject}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(broken) }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/crewId/);
  });
});
