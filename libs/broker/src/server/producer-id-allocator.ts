import * as fs from 'node:fs';
import * as path from 'node:path';

const BLOCK = 1000;

/**
 * Hands out producer ids that are never reused, even after a crash: ids come from blocks, and
 * the end of the current block is written durably before any id in it is given out.
 */
export class ProducerIdAllocator {
  private nextId = 0;
  private blockEnd = 0;
  private reserving: Promise<void> | undefined;

  private constructor(private readonly file: string) {}

  static open(dir: string): ProducerIdAllocator {
    fs.mkdirSync(dir, { recursive: true });
    const allocator = new ProducerIdAllocator(path.join(dir, 'producer-ids.json'));
    allocator.nextId = allocator.readReservedEnd();
    allocator.blockEnd = allocator.nextId;
    return allocator;
  }

  async next(): Promise<number> {
    while (this.nextId >= this.blockEnd) {
      this.reserving ??= this.reserve().finally(() => (this.reserving = undefined));
      await this.reserving;
    }
    return this.nextId++;
  }

  private readReservedEnd(): number {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { reservedUpTo?: unknown };
      return typeof parsed.reservedUpTo === 'number' ? parsed.reservedUpTo : 0;
    } catch {
      return 0;
    }
  }

  private async reserve(): Promise<void> {
    const end = this.blockEnd + BLOCK;
    const tmp = `${this.file}.tmp`;
    const handle = await fs.promises.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ reservedUpTo: end }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, this.file);
    this.nextId = Math.max(this.nextId, this.blockEnd);
    this.blockEnd = end;
  }
}
