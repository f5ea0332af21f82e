import { FrameDecoder, protocol } from '@joinedup/broker';
import * as net from 'node:net';

const { ApiKey, ErrorCode, Reader, SUPPORTED_VERSIONS, Writer, readRequestHeader } = protocol;

/**
 * The benchmark's yardstick: a server that speaks just enough Kafka for kcat to produce to it
 * (ApiVersions, Metadata, Produce) and discards every record. What kcat reaches against it is
 * the limit of client, loopback and machine; the broker's share of that limit is its score.
 */
export function startSink(): Promise<{ port: number; close(): void }> {
  let nextOffset = 0;
  const server = net.createServer((socket) => {
    const decoder = new FrameDecoder(256 * 1024 * 1024);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        const reader = new Reader(frame);
        const header = readRequestHeader(reader);
        const body = answer(header.apiKey, header.apiVersion, reader, port());
        if (!body) continue;
        const head = Buffer.alloc(8);
        head.writeInt32BE(body.length + 4, 0);
        head.writeInt32BE(header.correlationId, 4);
        socket.write(Buffer.concat([head, body]));
      }
    });
    socket.on('error', () => undefined);
  });
  const port = (): number => (server.address() as net.AddressInfo).port;

  function answer(
    apiKey: number,
    version: number,
    r: InstanceType<typeof Reader>,
    p: number,
  ): Buffer | null {
    const w = new Writer();
    switch (apiKey) {
      case ApiKey.ApiVersions: {
        const keys = [ApiKey.ApiVersions, ApiKey.Metadata, ApiKey.Produce].map(
          (k) => [k, SUPPORTED_VERSIONS.get(k)!] as const,
        );
        w.int16(ErrorCode.NONE);
        if (version >= 3) {
          w.compactArray(keys, (o, [k, v]) =>
            o.int16(k).int16(v.min).int16(v.max).emptyTaggedFields(),
          );
          return w.int32(0).emptyTaggedFields().toBuffer();
        }
        w.array(keys, (o, [k, v]) => o.int16(k).int16(v.min).int16(v.max));
        return (version >= 1 ? w.int32(0) : w).toBuffer();
      }
      case ApiKey.Metadata: {
        const topics = r.nullableArray((t) => t.string()) ?? [];
        if (version >= 3) w.int32(0);
        w.array([1], (o) => o.int32(1).string('127.0.0.1').int32(p).nullableString(null));
        if (version >= 2) w.nullableString('sink');
        w.int32(1);
        w.array(topics, (o, t) =>
          o
            .int16(0)
            .string(t)
            .boolean(false)
            .array([0], (q) => {
              q.int16(0)
                .int32(0)
                .int32(1)
                .array([1], (x, id) => x.int32(id))
                .array([1], (x, id) => x.int32(id));
              if (version >= 5) q.int32(0);
            }),
        );
        return w.toBuffer();
      }
      case ApiKey.Produce: {
        r.nullableString();
        const acks = r.int16();
        r.int32();
        const topics = r.array((t) => ({
          name: t.string(),
          parts: t.array((q) => ({ index: q.int32(), records: q.nullableBytes() })),
        }));
        if (acks === 0) return null;
        w.array(topics, (o, t) =>
          o.string(t.name).array(t.parts, (q, part) => {
            const count = part.records ? part.records.readInt32BE(57) : 0;
            q.int32(part.index).int16(0).int64(nextOffset).int64(-1).int64(0);
            nextOffset += count;
          }),
        );
        return w.int32(0).toBuffer();
      }
      default:
        throw new Error(`the sink does not serve api ${apiKey}`);
    }
  }

  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: port(), close: () => server.close() })),
  );
}
