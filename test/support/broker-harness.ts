import * as crypto from 'node:crypto';
import { Broker, BrokerConfig } from '@joinedup/broker';
import { setLogLevel } from '@joinedup/logging';
import { makeTempDir, removeDir } from './temp-dir';

setLogLevel((process.env.JOINEDUP_LOG_LEVEL as 'error') ?? 'error');

/** A broker on a free loopback port with its own data directory. */
export class BrokerHarness {
  broker!: Broker;
  readonly dataDir: string;

  constructor(private readonly overrides: Partial<BrokerConfig> = {}) {
    this.dataDir = makeTempDir('broker');
  }

  async start(extra: Partial<BrokerConfig> = {}): Promise<Broker> {
    this.broker = await Broker.start({
      port: 0,
      dataDir: this.dataDir,
      groupInitialRebalanceDelay: 0,
      ...this.overrides,
      ...extra,
    });
    return this.broker;
  }

  /** Restarts on the same port and data directory. */
  async restart(): Promise<Broker> {
    const port = this.broker.port;
    await this.broker.close();
    return this.start({ port });
  }

  get bootstrap(): string {
    return this.broker.bootstrap;
  }

  async stop(): Promise<void> {
    await this.broker?.close();
    removeDir(this.dataDir);
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}
