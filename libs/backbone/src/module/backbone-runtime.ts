import { AvroSerde } from '@joinedup/avro';
import { loadCatalogue } from '@joinedup/contracts';
import { KafkaAdmin, KafkaProducer } from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import {
  openDatabase,
  OutboxMessage,
  OutboxRelay,
  OutboxStore,
  ProcessedEventStore,
  UnitOfWork,
} from '@joinedup/persistence';
import { BackboneConfigurationError } from '../errors/backbone-configuration.error';
import { EventCodec } from '../events/event-codec';
import { BackboneMetrics } from '../metrics/backbone-metrics';
import { BackboneDatabase } from '../persistence/backbone-database';
import { EventPublisher } from '../publisher/event-publisher';
import { BackboneOptions } from './backbone-options';

/** Longest wait at shutdown for the outbox to be published before the relay is stopped. */
const OUTBOX_DRAIN_TIMEOUT_MS = 10_000;

/** Something the runtime stops first when it closes: the servers consuming through it. */
export interface RuntimeClient {
  close(): Promise<void>;
}

/**
 * The parts of the backbone an app shares, Nest or not: the producer, the codec and
 * publisher, the metrics, and (when configured) the database with its outbox relay. start()
 * opens the database and connects; close() stops the consumers first, then publishes what
 * is left in the outbox, then closes the rest.
 */
export class BackboneRuntime {
  readonly metrics: BackboneMetrics;
  readonly producer: KafkaProducer;
  readonly admin: KafkaAdmin;
  readonly codec: EventCodec;
  readonly publisher: EventPublisher;
  private readonly log = createLogger(BackboneRuntime.name);
  private readonly clients = new Set<RuntimeClient>();
  private databaseParts: BackboneDatabase | undefined;
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(readonly options: BackboneOptions) {
    requireOption(options.groupId, 'groupId');
    requireOption(options.kafka?.clientId, 'kafka.clientId');
    this.metrics = new BackboneMetrics(options.metricsRegistry);
    this.producer = new KafkaProducer(options.kafka);
    this.admin = new KafkaAdmin(options.kafka);
    this.codec = new EventCodec(
      new AvroSerde({ registry: options.registry }),
      loadCatalogue(options.contractsDir),
    );
    this.publisher = new EventPublisher({
      codec: this.codec,
      producer: this.producer,
      metrics: this.metrics,
      pseudonymKey: pseudonymKeyOf(options.pseudonymKey),
      database: () => this.databaseParts,
    });
  }

  get database(): BackboneDatabase | undefined {
    return this.databaseParts;
  }

  /** Opens the database, starts the outbox relay and connects the producer; once. */
  start(): Promise<void> {
    this.starting ??= this.open();
    return this.starting;
  }

  /** Registers a consumer to stop before anything it depends on closes. */
  attach(client: RuntimeClient): void {
    this.clients.add(client);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Nest lifecycle: the database is open before any handler can run. */
  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Nest lifecycle: runs after the app's microservices have been closed. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async open(): Promise<void> {
    const options = this.options.database;
    if (options) {
      const dataSource = 'dataSource' in options ? options.dataSource : await openDatabase(options);
      const relay = new OutboxRelay(
        dataSource,
        (messages) => this.publisher.send(messages.map(toRecord)),
        this.options.relay,
      );
      this.databaseParts = {
        dataSource,
        unitOfWork: new UnitOfWork(dataSource),
        processed: new ProcessedEventStore(),
        outbox: new OutboxStore(),
        relay,
      };
      relay.start();
    }
    await this.producer.connect();
  }

  private async shutDown(): Promise<void> {
    for (const client of this.clients) await client.close();
    await this.starting?.catch(() => undefined);
    const database = this.databaseParts;
    if (database) {
      await this.drainOutbox(database.relay);
      await database.relay.stop();
      if (!this.sharesDataSource()) await database.dataSource.destroy();
    }
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  private sharesDataSource(): boolean {
    const options = this.options.database;
    return options !== undefined && 'dataSource' in options;
  }

  private async drainOutbox(relay: OutboxRelay): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), OUTBOX_DRAIN_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([relay.drain(), timeout]);
      if (outcome === 'timeout') {
        this.log.warn('outbox not drained in time; the rest is published at next start', {
          timeoutMs: OUTBOX_DRAIN_TIMEOUT_MS,
        });
      }
    } catch (err) {
      this.log.warn('outbox not drained; the rest is published at next start', {
        code: (err as { code?: unknown }).code,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

function toRecord(message: OutboxMessage) {
  return { topic: message.topic, key: message.key, value: message.value, headers: message.headers };
}

function requireOption(value: string | undefined, name: string): void {
  if (typeof value === 'string' && value.length > 0) return;
  throw new BackboneConfigurationError(`backbone option ${name} is required`, { option: name });
}

function pseudonymKeyOf(key: Buffer | string | undefined): Buffer | undefined {
  if (key === undefined || Buffer.isBuffer(key)) return key;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) {
    throw new BackboneConfigurationError(
      `backbone option pseudonymKey must be 64 hex characters (32 bytes), got ${key.length} characters`,
      { option: 'pseudonymKey' },
    );
  }
  return Buffer.from(key, 'hex');
}
