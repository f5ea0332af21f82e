import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AvroSerde } from '@joinedup/avro';
import { loadConfig } from '@joinedup/config';
import { loadCatalogue } from '@joinedup/contracts';
import {
  AvroKafkaEventSink,
  CouncilRegistry,
  IntakeService,
  openLegacyWasteDatabase,
  RejectionService,
  SqlProcessedFileStore,
  SqlRejectionStore,
} from '@joinedup/legacy-waste';
import { RunningHub, startHub } from '../../apps/hub/src/hub';
import { hubSettings } from '../../apps/hub/src/hub-settings';
import { kafkaClient } from '../support/kafka-client';
import { makeTempDir, removeDir } from '../support/temp-dir';

export const ROOT = resolve(__dirname, '..', '..');
export const COUNCILS_DIR = join(ROOT, 'config', 'councils');
export const EXAMPLES_DIR = join(ROOT, 'examples', 'waste');
/** The contracts' published test key, bytes 0 to 31. */
export const TEST_KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

export interface DecodedEvent {
  eventId: string;
  eventType: string;
  subjectKey: string;
  payload: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * The hub (broker and registry with every contract) on free ports in a temp dir, a SQLite
 * database of its own, and legacy intake wired to them with the real Kafka sink.
 */
export class LegacyWasteHarness {
  readonly dataDir = makeTempDir('legacy-waste');
  hub!: RunningHub;
  db!: DataSource;
  sink!: AvroKafkaEventSink;
  councils!: CouncilRegistry;
  intake!: IntakeService;
  rejections!: RejectionService;
  rejectionStore!: SqlRejectionStore;

  async start(): Promise<void> {
    const config = loadConfig(hubSettings, {
      env: {},
      argv: [
        '--broker-port=0',
        `--broker-data-dir=${join(this.dataDir, 'broker')}`,
        '--registry-port=0',
        '--dvla-sandbox=false',
      ],
    });
    this.hub = await startHub(config, {});
    this.db = await openLegacyWasteDatabase({ sqlitePath: join(this.dataDir, 'intake.sqlite') });
    this.sink = new AvroKafkaEventSink({
      brokers: [this.hub.kafka],
      registryUrl: this.hub.registryUrl,
      clientId: `legacy-waste-test-${randomUUID()}`,
    });
    this.councils = CouncilRegistry.load(COUNCILS_DIR, TEST_KEY);
    this.rejectionStore = new SqlRejectionStore(this.db);
    this.intake = new IntakeService(
      this.councils,
      this.sink,
      this.rejectionStore,
      new SqlProcessedFileStore(this.db),
      { batchSize: 7, spoolDir: join(this.dataDir, 'spool') },
    );
    this.rejections = new RejectionService(this.councils, this.sink, this.rejectionStore);
  }

  async stop(): Promise<void> {
    await this.sink?.close().catch(() => undefined);
    await this.db?.destroy().catch(() => undefined);
    await this.hub?.close();
    removeDir(this.dataDir);
  }

  /**
   * Every event on the topic, decoded, read from the start by a consumer of its own group
   * until `atLeast` have arrived and the topic has been quiet for a moment.
   */
  async readTopic(topic: string, atLeast: number, timeoutMs = 20_000): Promise<DecodedEvent[]> {
    const serde = new AvroSerde({ registry: { url: this.hub.registryUrl } });
    const consumer = kafkaClient(this.hub.kafka).consumer({
      groupId: `legacy-waste-test-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    const events: DecodedEvent[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let lastArrival = Date.now();
      await consumer.run({
        eachMessage: async ({ message }) => {
          events.push(await serde.decode<DecodedEvent>(message.value!));
          lastArrival = Date.now();
        },
      });
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (events.length >= atLeast && Date.now() - lastArrival > 500) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await consumer.disconnect();
    }
    return events;
  }
}

export function topicOf(eventType: string): string {
  return loadCatalogue().events.find((entry) => entry.eventType === eventType)!.topic;
}

export function distinctIds(events: DecodedEvent[]): number {
  return new Set(events.map((event) => event.eventId)).size;
}
