import * as net from 'node:net';
import { createLogger } from '@joinedup/logging';
import { HandlerTable } from '../handlers/request-handler';
import { Connection } from './connection';

export interface ServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
}

/** The TCP listener: accepts clients and owns their connections. */
export class BrokerServer {
  private readonly log = createLogger('BrokerServer');
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private nextConnectionId = 1;

  constructor(
    private readonly options: ServerOptions,
    handlers: HandlerTable,
  ) {
    this.server = net.createServer((socket) => {
      const conn = new Connection(
        socket,
        this.nextConnectionId++,
        handlers,
        options.maxFrameBytes,
        this.log,
        (closed) => this.connections.delete(closed),
      );
      this.connections.add(conn);
    });
  }

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        resolve({ host: this.options.host, port: address.port });
      });
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Stops accepting clients, lets every accepted request finish (up to graceMs), then closes
   * the remaining connections.
   */
  async close(graceMs = 5000): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const drained = Promise.all([...this.connections].map((c) => c.drain()));
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    for (const conn of this.connections) conn.destroy();
    await stopped;
  }
}
