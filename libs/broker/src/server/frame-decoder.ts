import { ProtocolError } from '../protocol';

/**
 * Splits a TCP byte stream into Kafka frames (int32 size prefix, then that many bytes).
 * Chunks are kept by reference and joined only when a frame spans them.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Adds a chunk and returns every frame it completes. Throws ProtocolError on a bad size. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      const frame = this.nextFrame();
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  private nextFrame(): Buffer | undefined {
    if (this.buffered < 4) return undefined;
    const size = this.peekSize();
    if (size < 8 || size > this.maxFrameBytes) {
      throw new ProtocolError(
        size < 8
          ? `frame size ${size} is smaller than a request header`
          : `frame size ${size} exceeds the limit of ${this.maxFrameBytes} bytes`,
      );
    }
    if (this.buffered < 4 + size) return undefined;
    const whole = this.take(4 + size);
    return whole.subarray(4);
  }

  private peekSize(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return this.join(4).readInt32BE(0);
  }

  private join(bytes: number): Buffer {
    const merged = Buffer.concat(this.chunks);
    this.chunks = [merged];
    return merged.subarray(0, bytes);
  }

  private take(bytes: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= bytes) {
      out = first.subarray(0, bytes);
      if (first.length === bytes) this.chunks.shift();
      else this.chunks[0] = first.subarray(bytes);
    } else {
      const merged = Buffer.concat(this.chunks);
      out = merged.subarray(0, bytes);
      this.chunks = merged.length > bytes ? [merged.subarray(bytes)] : [];
    }
    this.buffered -= bytes;
    return out;
  }
}
