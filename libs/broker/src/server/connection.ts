import * as net from 'node:net';
import { Logger } from '@joinedup/logging';
import {
  apiName,
  ProtocolError,
  Reader,
  readRequestHeader,
  RequestHeader,
  Writer,
} from '../protocol';
import { ConnectionInfo, HandlerTable, RequestContext } from '../handlers/request-handler';
import { FrameDecoder } from './frame-decoder';

/** Stop reading from a client that has this many requests awaiting responses. */
const MAX_PENDING_RESPONSES = 256;

type Pending = Promise<Buffer[] | null>;

/**
 * One client connection. Requests are decoded and handled in arrival order, so their side
 * effects happen in order; responses may complete out of order (a parked fetch, a produce
 * waiting for fsync) but are written strictly in request order, as Kafka clients require.
 */
export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly info: ConnectionInfo;
  private queue: Pending[] = [];
  private writing = false;
  private closed = false;
  private paused = false;

  constructor(
    private readonly socket: net.Socket,
    id: number,
    private readonly handlers: HandlerTable,
    maxFrameBytes: number,
    private readonly log: Logger,
    private readonly onClose: (conn: Connection) => void,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
    this.info = { id, remoteAddress: `${socket.remoteAddress}:${socket.remotePort}` };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (err) =>
      this.log.debug('connection error', { client: this.info.remoteAddress, err }),
    );
    socket.on('close', () => this.finish());
  }

  get idle(): boolean {
    return this.queue.length === 0;
  }

  /** Resolves once every accepted request has been answered (for graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      await Promise.allSettled(this.queue);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.reject(err as Error);
      return;
    }
    for (const frame of frames) {
      if (this.closed) return;
      this.dispatch(frame);
    }
  }

  private dispatch(frame: Buffer): void {
    const body = new Reader(frame);
    let header: RequestHeader;
    try {
      header = readRequestHeader(body);
    } catch (err) {
      this.reject(err as Error);
      return;
    }
    const handler = this.handlers[header.apiKey];
    if (!handler) {
      this.reject(
        new ProtocolError(`unknown api key ${header.apiKey} (version ${header.apiVersion})`),
      );
      return;
    }
    const ctx: RequestContext = { header, body, connection: this.info };
    let result: ReturnType<typeof handler>;
    try {
      result = handler(ctx);
    } catch (err) {
      this.reject(err as Error, header);
      return;
    }
    this.enqueue(
      Promise.resolve(result).then(
        (writer) => (writer === null ? null : frameResponse(header.correlationId, writer)),
        (err: Error) => {
          this.reject(err, header);
          return null;
        },
      ),
    );
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    if (this.queue.length >= MAX_PENDING_RESPONSES && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    if (!this.writing) void this.writeInOrder();
  }

  private async writeInOrder(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0 && !this.closed) {
      const buffers = await this.queue[0];
      void this.queue.shift();
      if (buffers && !this.closed) {
        this.socket.cork();
        for (const b of buffers) this.socket.write(b);
        this.socket.uncork();
      }
      if (this.paused && this.queue.length < MAX_PENDING_RESPONSES / 2) {
        this.paused = false;
        this.socket.resume();
      }
    }
    this.writing = false;
  }

  /** Logs one line naming the client and the reason, and closes only this connection. */
  private reject(err: Error, header?: RequestHeader): void {
    if (this.closed) return;
    const context = {
      client: this.info.remoteAddress,
      reason: err.message,
      ...(header && { api: apiName(header.apiKey), version: header.apiVersion }),
    };
    if (err instanceof ProtocolError)
      this.log.warn('closing connection after a malformed request', context);
    else
      this.log.error('closing connection after a request failed', { ...context, error: err.name });
    this.finish();
    this.socket.destroy();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.onClose(this);
  }
}

function frameResponse(correlationId: number, body: Writer): Buffer[] {
  const head = Buffer.allocUnsafe(8);
  head.writeInt32BE(body.length + 4, 0);
  head.writeInt32BE(correlationId, 4);
  return [head, ...body.toBuffers()];
}
