import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaRegistryClient } from '@joinedup/avro';
import {
  Catalogue,
  eventFromJson,
  loadCatalogue,
  loadEventType,
  MissedCollectionReported,
  registerContracts,
} from '@joinedup/contracts';
import { KafkaAdmin } from '@joinedup/kafka';
import { startBrokerProcess } from '../broker/broker-process';
import { startRegistryProcess } from '../legacy/registry-process';

/**
 * The broker and the schema registry as the built apps in processes of their own, so the
 * consumer being measured has this process (and its core) to itself; every contract
 * registered.
 */
export class BenchCluster {
  readonly catalogue: Catalogue = loadCatalogue();
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-backbone-'));
  private broker!: { child: ChildProcess; bootstrap: string };
  private registry!: { child: ChildProcess; url: string };

  async start(): Promise<void> {
    this.broker = await startBrokerProcess(this.dataDir);
    this.registry = await startRegistryProcess(this.broker.bootstrap);
    await registerContracts(this.catalogue, new SchemaRegistryClient({ url: this.registry.url }));
  }

  get bootstrap(): string {
    return this.broker.bootstrap;
  }

  get registryUrl(): string {
    return this.registry.url;
  }

  async createTopics(topics: string[], partitions: number): Promise<void> {
    const admin = new KafkaAdmin({ brokers: [this.bootstrap], clientId: 'bench-admin' });
    try {
      await admin.createTopics(topics.map((topic) => ({ topic, partitions })));
    } finally {
      await admin.disconnect();
    }
  }

  /** The contracts' MissedCollectionReported example; `i` varies its id, key and reference. */
  missedCollection(i: number): MissedCollectionReported {
    this.example ??= this.loadExample();
    const example = this.example;
    const hex = i.toString(16).padStart(12, '0');
    return {
      ...example,
      eventId: `4a1c0000-0000-4000-8000-${hex}`,
      subjectKey: `${hex}`.padStart(64, 'a'),
      payload: { ...example.payload, caseReference: `WR-${i}` },
    };
  }

  private example: MissedCollectionReported | undefined;

  private loadExample(): MissedCollectionReported {
    const entry = this.catalogue.events.find((e) => e.eventType === 'MissedCollectionReported')!;
    const file = path.join(
      this.catalogue.contractsDir,
      'examples',
      'MissedCollectionReported.json',
    );
    return eventFromJson(
      loadEventType(this.catalogue, entry),
      JSON.parse(fs.readFileSync(file, 'utf8')),
    ) as MissedCollectionReported;
  }

  /** Stops the registry, then the broker, waiting for each to exit (they log as they go). */
  async stop(): Promise<void> {
    for (const part of [this.registry, this.broker]) {
      if (!part || part.child.exitCode !== null) continue;
      const exited = new Promise((resolve) => part.child.once('exit', resolve));
      part.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Resolves when `expected` hits have been counted; times from the first hit. */
export class HitCounter {
  private hits = 0;
  private started = 0n;

  /** process.hrtime.bigint() at the first hit. */
  get startedAt(): bigint {
    return this.started;
  }

  private resolve: ((ms: number) => void) | undefined;
  readonly done: Promise<number>;

  constructor(private readonly expected: number) {
    this.done = new Promise((resolve) => (this.resolve = resolve));
  }

  hit(count = 1): void {
    if (this.hits === 0) this.started = process.hrtime.bigint();
    this.hits += count;
    if (this.hits >= this.expected && this.resolve) {
      this.resolve(Number(process.hrtime.bigint() - this.started) / 1e6);
      this.resolve = undefined;
    }
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
