import { loadConfig } from '@joinedup/config';
import { ContractRegistrationError, loadCatalogue } from '@joinedup/contracts';
import { setLogLevel } from '@joinedup/logging';
import { Broker } from '@joinedup/broker';
import { startSchemaRegistry } from '@joinedup/schema-registry';
import { RunningHub, startHub } from '../../apps/hub/src/hub';
import { hubSettings } from '../../apps/hub/src/hub-settings';
import { makeTempDir, removeDir } from '../support/temp-dir';

jest.setTimeout(60_000);
setLogLevel('error');

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

function hubConfig(
  dataDir: string,
  extra: string[] = [],
): ReturnType<typeof loadConfig<typeof hubSettings>> {
  return loadConfig(hubSettings, {
    env: {},
    argv: [
      '--broker-port=0',
      `--broker-data-dir=${dataDir}`,
      '--registry-port=0',
      '--dvla-sandbox-port=0',
      ...extra,
    ],
  });
}

describe('the hub that npm start runs', () => {
  let dataDir: string;
  let hub: RunningHub | undefined;

  beforeEach(() => {
    dataDir = makeTempDir('hub');
  });

  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    removeDir(dataDir);
  });

  it('starts the broker and the registry and registers every contract under its subject', async () => {
    hub = await startHub(hubConfig(dataDir), {});
    const subjects = (await (await fetch(`${hub.registryUrl}/subjects`)).json()) as string[];
    const expected = loadCatalogue().events.map((e) => e.subject);
    expect(subjects.sort()).toEqual([...expected].sort());

    const care = loadCatalogue().events.find((e) => e.domain === 'care')!;
    const config = (await (await fetch(`${hub.registryUrl}/config/${care.subject}`)).json()) as {
      compatibilityLevel: string;
    };
    expect(config.compatibilityLevel).toBe('FULL_TRANSITIVE');

    const answer = await fetch(`${hub.dvlaSandboxUrl}/vehicle-enquiry/v1/vehicles`, {
      method: 'POST',
      headers: { 'x-api-key': 'local', 'content-type': 'application/json' },
      body: JSON.stringify({ registrationNumber: 'ER19NFD' }),
    });
    expect(answer.status).toBe(404);
  });

  it('registers the same ids again after a restart, adding no versions', async () => {
    hub = await startHub(hubConfig(dataDir), {});
    const subject = loadCatalogue().events[0].subject;
    const before = await (await fetch(`${hub.registryUrl}/subjects/${subject}/versions`)).json();
    await hub.close();
    hub = await startHub(hubConfig(dataDir), {});
    const after = await (await fetch(`${hub.registryUrl}/subjects/${subject}/versions`)).json();
    expect(after).toEqual(before);
    expect(after).toEqual([1]);
  });

  it("stops start-up with the registry's explanation when it refuses a contract", async () => {
    const broker = await Broker.start({ port: 0, dataDir });
    const registry = await startSchemaRegistry({
      port: 0,
      kafka: { brokers: [broker.bootstrap], clientId: 'seed' },
    });
    const entry = loadCatalogue().events[0];
    const recordName = entry.subject.slice(entry.topic.length + 1);
    const dot = recordName.lastIndexOf('.');
    // An earlier version the contract cannot read: every envelope field would lack data.
    const earlier = {
      type: 'record',
      name: recordName.slice(dot + 1),
      namespace: recordName.slice(0, dot),
      fields: [{ name: 'legacy', type: 'string' }],
    };
    const res = await fetch(`${registry.url}/subjects/${entry.subject}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': CONTENT_TYPE },
      body: JSON.stringify({ schema: JSON.stringify(earlier) }),
    });
    expect(res.status).toBe(200);
    await registry.close();
    await broker.close();

    const failure = await startHub(hubConfig(dataDir), {}).catch((err: Error) => err);
    expect(failure).toBeInstanceOf(ContractRegistrationError);
    expect((failure as Error).message).toContain(entry.subject);
    expect((failure as Error).message).toMatch(/eventId/);
  });

  it('uses an external Kafka and registry when configured, registering the contracts there', async () => {
    const broker = await Broker.start({ port: 0, dataDir });
    const registry = await startSchemaRegistry({
      port: 0,
      kafka: { brokers: [broker.bootstrap], clientId: 'external' },
    });
    try {
      hub = await startHub(
        loadConfig(hubSettings, {
          env: {},
          argv: [
            '--embedded-broker=false',
            '--dvla-sandbox=false',
            `--registry-kafka-brokers=${broker.bootstrap}`,
            `--schema-registry-url=${registry.url}`,
          ],
        }),
        {},
      );
      expect(hub.registryUrl).toBe(registry.url);
      expect(hub.kafka).toBe(broker.bootstrap);
      const subjects = (await (await fetch(`${registry.url}/subjects`)).json()) as string[];
      expect(subjects).toHaveLength(loadCatalogue().events.length);
      await hub.close();
      hub = undefined;
    } finally {
      await registry.close();
      await broker.close();
    }
  });

  it('names every bad setting at once', () => {
    let message = '';
    try {
      hubConfig(dataDir, [
        '--broker-port=99999',
        '--registry-port=http',
        '--broker-flush=sometimes',
      ]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('brokerPort (--broker-port) = "99999": expected at most 65535');
    expect(message).toContain('registryPort (--registry-port) = "http": expected a whole number');
    expect(message).toContain(
      'brokerFlush (--broker-flush) = "sometimes": expected one of acks-all',
    );
  });
});
