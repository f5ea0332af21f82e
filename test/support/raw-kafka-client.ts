import * as net from 'node:net';
import { FrameDecoder, protocol } from '@joinedup/broker';

type Writer = InstanceType<typeof protocol.Writer>;

/** A bare TCP client speaking framed Kafka requests, for tests of the wire protocol itself. */
export class RawKafkaClient {
  private readonly decoder = new FrameDecoder(1 << 30);
  private readonly frames: Buffer[] = [];
  private waiting: ((frame: Buffer) => void) | undefined;
  private closedFlag = false;
  private correlation = 100;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) {
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = undefined;
          resolve(frame);
        } else this.frames.push(frame);
      }
    });
    socket.on('close', () => (this.closedFlag = true));
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawKafkaClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawKafkaClient(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Sends one request and returns its correlation id. */
  send(apiKey: number, version: number, body: (w: Writer) => void): number {
    const correlationId = this.correlation++;
    const w = new protocol.Writer();
    w.int16(apiKey).int16(version).int32(correlationId).string('raw-test');
    body(w);
    const payload = w.toBuffer();
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    this.socket.write(Buffer.concat([size, payload]));
    return correlationId;
  }

  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response frame (correlation id first), or null if none arrives in time. */
  next(timeoutMs = 2000): Promise<Buffer | null> {
    const queued = this.frames.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(null);
      }, timeoutMs);
      this.waiting = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
    });
  }

  async request(
    apiKey: number,
    version: number,
    body: (w: Writer) => void,
  ): Promise<InstanceType<typeof protocol.Reader>> {
    const id = this.send(apiKey, version, body);
    const frame = await this.next();
    if (!frame) throw new Error(`no response to api ${apiKey} v${version}`);
    const reader = new protocol.Reader(frame);
    expect(reader.int32()).toBe(id);
    return reader;
  }

  waitClosed(timeoutMs = 2000): Promise<boolean> {
    if (this.closedFlag) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A Fetch v11 body for partition 0 of one topic from offset 0, waiting up to maxWaitMs. */
export function fetchV11Body(topic: string, maxWaitMs: number): (w: Writer) => void {
  const oneMiB = 1 << 20;
  return (w) =>
    w
      .int32(-1)
      .int32(maxWaitMs)
      .int32(1)
      .int32(oneMiB)
      .int8(0)
      .int32(0)
      .int32(-1)
      .array([topic], (o, t) =>
        o.string(t).array([0], (p, i) => p.int32(i).int32(-1).int64(0).int64(-1).int32(oneMiB)),
      )
      .int32(0)
      .string('');
}
