import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An input copied to a file, with the SHA-256 of its bytes. */
export interface SpooledInput {
  contentHash: string;
  size: number;
  /** The bytes again, from the file, opened when first read. */
  open(): AsyncIterable<Buffer>;
  remove(): Promise<void>;
}

/** Copies the bytes to a new file in `dir`, hashing them on the way, in bounded memory. */
export async function spool(
  source: Readable | AsyncIterable<Buffer>,
  dir: string,
): Promise<SpooledInput> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.spool`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(path),
    );
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return {
    contentHash: hash.digest('hex'),
    size,
    open: async function* () {
      yield* createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
    },
    remove: () => rm(path, { force: true }),
  };
}
