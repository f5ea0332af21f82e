import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient } from '@joinedup/avro';
import type { BackboneOptions, EventInput } from '@joinedup/backbone';
import {
  Catalogue,
  JoinedUpEvent,
  JoinedUpEventType,
  loadCatalogue,
  registerContracts,
} from '@joinedup/contracts';
import { ConsumedRecord, KafkaAdmin } from '@joinedup/kafka';
import { RunningSchemaRegistry, startSchemaRegistry } from '@joinedup/schema-registry';
import { BrokerHarness, uniqueName } from '../../support/broker-harness';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { caseUpdate, sampleEvent } from './sample-events';

const REPO_CONTRACTS = path.resolve(__dirname, '..', '..', '..', 'contracts');

/** A fixed pseudonymisation key for tests (never a real council's). */
export const TEST_PSEUDONYM_KEY = '11'.repeat(32);

/**
 * The real broker and the real schema registry for one test file. Each test takes a scope:
 * a copy of the repository's contracts whose topics carry a unique suffix, so tests share the
 * broker without seeing each other's events or subjects.
 */
export class BackboneHarness {
  readonly broker = new BrokerHarness();
  registry!: RunningSchemaRegistry;
  private readonly dirs: string[] = [];

  /** With `externalBootstrap` the harness uses that Kafka cluster instead of its own broker. */
  constructor(private readonly externalBootstrap?: string) {}

  async start(): Promise<void> {
    if (this.externalBootstrap === undefined) await this.broker.start();
    this.registry = await startSchemaRegistry({
      port: 0,
      topic: uniqueName('_schemas'),
      kafka: { brokers: [this.bootstrap], clientId: 'backbone-e2e-registry' },
    });
  }

  async stop(): Promise<void> {
    await this.registry?.close();
    if (this.externalBootstrap === undefined) await this.broker.stop();
    for (const dir of this.dirs) removeDir(dir);
  }

  get bootstrap(): string {
    return this.externalBootstrap ?? this.broker.bootstrap;
  }

  /** Registers the event types' contracts under unique topics and creates those topics. */
  async scope(eventTypes: JoinedUpEventType[], partitions = 3): Promise<BackboneScope> {
    const suffix = crypto.randomBytes(4).toString('hex');
    const dir = makeTempDir('contracts');
    this.dirs.push(dir);
    const contractsDir = writeScopedContracts(dir, suffix);
    const catalogue = loadCatalogue(contractsDir);
    const wanted = catalogue.events.filter((e) => eventTypes.includes(e.eventType as never));
    await registerContracts(
      { ...catalogue, events: wanted },
      new SchemaRegistryClient({ url: this.registry.url }),
    );
    const admin = new KafkaAdmin({ brokers: [this.bootstrap], clientId: 'backbone-e2e-admin' });
    try {
      const topics = [...new Set(wanted.map((e) => e.topic))];
      await admin.createTopics(topics.map((topic) => ({ topic, partitions })));
    } finally {
      await admin.disconnect();
    }
    return new BackboneScope(this, contractsDir, catalogue, suffix);
  }
}

export class BackboneScope {
  constructor(
    private readonly harness: BackboneHarness,
    readonly contractsDir: string,
    readonly catalogue: Catalogue,
    readonly suffix: string,
  ) {}

  topic(eventType: JoinedUpEventType): string {
    const entry = this.catalogue.events.find((e) => e.eventType === eventType);
    if (!entry) throw new Error(`no catalogue entry for ${eventType}`);
    return entry.topic;
  }

  groupId(name: string): string {
    return `${name}-${this.suffix}-${crypto.randomBytes(3).toString('hex')}`;
  }

  /** Backbone options pointing at the harness, with short timeouts for tests. */
  options(overrides: Partial<BackboneOptions> = {}): BackboneOptions {
    return {
      kafka: { brokers: [this.harness.bootstrap], clientId: `backbone-e2e-${this.suffix}` },
      registry: { url: this.harness.registry.url },
      groupId: this.groupId('consumer'),
      contractsDir: this.contractsDir,
      pseudonymKey: TEST_PSEUDONYM_KEY,
      lagRefreshIntervalMs: 200,
      ...overrides,
      consumer: {
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
        rebalanceTimeoutMs: 15_000,
        maxWaitTimeMs: 100,
        drainTimeoutMs: 20_000,
        ...overrides.consumer,
      },
      retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100, ...overrides.retry },
    };
  }

  sample<T extends JoinedUpEventType>(
    eventType: T,
    changes: Partial<Extract<JoinedUpEvent, { eventType: T }>> = {},
  ): Extract<JoinedUpEvent, { eventType: T }> {
    return sampleEvent(this.catalogue, eventType, changes);
  }

  caseUpdate(caseReference: string): EventInput<'CaseStatusChanged'> {
    return caseUpdate(this.catalogue, caseReference);
  }

  /** Reads `count` records of a topic from the start with a group of its own. */
  read(topic: string, count: number, timeoutMs = 20_000): Promise<ConsumedRecord[]> {
    return this.readUntil(topic, (records) => records.length >= count, timeoutMs);
  }

  /** Reads a topic from the start until `done` holds for what has been read. */
  async readUntil(
    topic: string,
    done: (records: readonly ConsumedRecord[]) => boolean,
    timeoutMs = 20_000,
  ): Promise<ConsumedRecord[]> {
    const kafka = new Kafka({
      clientId: 'backbone-e2e-reader',
      brokers: [this.harness.bootstrap],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: this.groupId('reader'), maxWaitTimeInMs: 100 });
    const records: ConsumedRecord[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`gave up reading ${topic} after ${records.length} records`)),
          timeoutMs,
        );
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              topic,
              partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers: (message.headers ?? {}) as ConsumedRecord['headers'],
              timestamp: message.timestamp,
            });
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return records;
  }

  /** The group's committed offsets on the topic, summed over partitions (none counts 0). */
  async committedTotal(groupId: string, topic: string): Promise<number> {
    return this.withAdmin(async (admin) => {
      const offsets = await admin.committedOffsets(groupId, [topic]);
      return offsets.reduce((sum, o) => sum + Math.max(0, Number(o.offset)), 0);
    });
  }

  /** The topic's end offsets, summed over partitions. */
  async endOffsetTotal(topic: string): Promise<number> {
    return this.withAdmin(async (admin) => {
      const offsets = await admin.topicOffsets(topic);
      return offsets.reduce((sum, p) => sum + Number(p.high), 0);
    });
  }

  private async withAdmin<T>(work: (admin: KafkaAdmin) => Promise<T>): Promise<T> {
    const admin = new KafkaAdmin({
      brokers: [this.harness.bootstrap],
      clientId: 'backbone-e2e-admin',
    });
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /** Produces raw records (bytes the tests choose) to a topic. */
  async produceRaw(
    topic: string,
    records: { key: string; value: Buffer | null; headers?: Record<string, string> }[],
  ): Promise<void> {
    const kafka = new Kafka({
      clientId: 'backbone-e2e-raw',
      brokers: [this.harness.bootstrap],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: records });
    } finally {
      await producer.disconnect();
    }
  }
}

/** Copies the contracts, giving every topic a stream name unique to this scope. */
function writeScopedContracts(dir: string, suffix: string): string {
  const contractsDir = path.join(dir, 'contracts');
  fs.cpSync(REPO_CONTRACTS, contractsDir, { recursive: true });
  const cataloguePath = path.join(contractsDir, 'catalogue.json');
  const catalogue = JSON.parse(fs.readFileSync(cataloguePath, 'utf8')) as {
    events: { topic: string }[];
  };
  for (const event of catalogue.events) {
    event.topic = event.topic.replace(/\.v(\d+)$/, `-t${suffix}.v$1`);
  }
  fs.writeFileSync(cataloguePath, JSON.stringify(catalogue, null, 2));
  return contractsDir;
}
