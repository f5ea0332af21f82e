import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLogger } from '@joinedup/logging';
import { BrokerConfig, brokerConfig } from './config/broker-config';
import { createGroupHandlers, GroupCoordinator } from './group';
import { BrokerContext, NodeAddress } from './handlers/broker-context';
import { createBrokerHandlers } from './handlers/handler-table';
import { LogManager } from './log';
import { BrokerServer } from './server/broker-server';
import { FetchPurgatory } from './server/fetch-purgatory';
import { ProducerIdAllocator } from './server/producer-id-allocator';

/**
 * The embedded single-node broker: durable logs, consumer groups and the Kafka wire protocol
 * on one TCP port. Start it with Broker.start(config); stop it with close(), which finishes
 * requests in flight, flushes and closes every file.
 */
export class Broker {
  private readonly log = createLogger('Broker');
  private closing: Promise<void> | undefined;

  private constructor(
    readonly config: BrokerConfig,
    private readonly server: BrokerServer,
    private readonly context: BrokerContext,
    private readonly groups: GroupCoordinator,
    private readonly address: NodeAddress,
  ) {}

  static async start(overrides: Partial<BrokerConfig> | BrokerConfig = {}): Promise<Broker> {
    const config = brokerConfig(overrides);
    const dataDir = path.resolve(config.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });

    const logs = await LogManager.open({
      dir: path.join(dataDir, 'logs'),
      segmentBytes: config.segmentBytes,
      indexIntervalBytes: 4096,
      retentionMs: config.retention,
      retentionBytes: config.retentionBytes,
      retentionCheckIntervalMs: config.retentionCheckInterval,
      flush: { mode: config.flush, intervalMs: config.flushInterval },
    });
    const groups = await GroupCoordinator.open({
      dir: path.join(dataDir, 'groups'),
      initialRebalanceDelayMs: config.groupInitialRebalanceDelay,
    });
    const address: NodeAddress = { nodeId: config.nodeId, host: config.host, port: config.port };
    const context: BrokerContext = {
      config,
      logs,
      node: () => address,
      clusterId: readClusterId(dataDir),
      fetchWaits: new FetchPurgatory(logs),
      producerIds: ProducerIdAllocator.open(dataDir),
    };
    const handlers = {
      ...createBrokerHandlers(context),
      ...createGroupHandlers(groups, context.node),
    };
    const server = new BrokerServer(
      { host: config.host, port: config.port, maxFrameBytes: config.maxFrameBytes },
      handlers,
    );

    const bound = await server.listen();
    address.host = config.advertisedHost || bound.host;
    address.port = config.advertisedPort || bound.port;
    const broker = new Broker(config, server, context, groups, address);
    broker.log.info('broker listening', {
      host: bound.host,
      port: bound.port,
      dataDir,
      advertised: `${address.host}:${address.port}`,
    });
    return broker;
  }

  /** The address clients should use, as host:port. */
  get bootstrap(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  get port(): number {
    return this.address.port;
  }

  /** Open client connections, for tests and health checks. */
  get connectionCount(): number {
    return this.server.connectionCount;
  }

  get logs(): LogManager {
    return this.context.logs;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.log.info('broker stopping', { port: this.address.port });
    this.context.fetchWaits.close();
    await this.server.close();
    await this.groups.close();
    await this.context.logs.close();
    this.log.info('broker stopped', { port: this.address.port });
  }
}

/** A stable cluster id per data directory, as Kafka keeps in meta.properties. */
function readClusterId(dataDir: string): string {
  const file = path.join(dataDir, 'cluster-id');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const id = crypto.randomBytes(16).toString('base64url');
    fs.writeFileSync(file, id);
    return id;
  }
}
