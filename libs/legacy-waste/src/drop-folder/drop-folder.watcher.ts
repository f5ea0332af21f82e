import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@joinedup/logging';
import { CouncilRegistry } from '../council/council-registry';
import { isRetriableLegacyWasteError, LegacyWasteError } from '../errors/legacy-waste.error';
import { IntakeService } from '../intake/intake.service';
import { IntakeSummary } from '../intake/intake.types';
import { DROP_STAGES, freeName, isIncomplete, stageDir } from './drop-folder-paths';

export interface DropFolderOptions {
  dataDir: string;
  /** How often the inboxes are listed. Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long a file's size and modification time must stay unchanged. Default 2000 ms. */
  stableMs?: number;
  /** How long a file whose intake failed retriably waits in processing/. Default 30 s. */
  retryDelayMs?: number;
  onOutcome?: (outcome: DropOutcome) => void;
}

export interface DropOutcome {
  council: string;
  feed: string;
  file: string;
  /** processed (incl. already processed), rejected (unreadable) or retry (left in processing/). */
  result: 'processed' | 'rejected' | 'retry';
  summary?: IntakeSummary;
  reason?: string;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * Takes files from `<dataDir>/inbox/<council>/<feed>/`. A file is taken once its size and
 * modification time have not changed for `stableMs`; writers should write `name.part` and
 * rename it when complete, which is atomic and never taken early. A taken file is renamed
 * into processing/ before it is read (so no other watcher reads it), then into processed/, or
 * into rejected/ with a `.reason.json` beside it when it cannot be read at all. Files found in
 * processing/ at start are read again: their event ids are derived from content, so a restart
 * mid-file publishes nothing new downstream. One file is read at a time.
 */
export class DropFolderWatcher {
  private readonly log = createLogger(DropFolderWatcher.name);
  private readonly seen = new Map<string, Seen>();
  private readonly retryAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly pollIntervalMs: number;
  private readonly stableMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly councils: CouncilRegistry,
    private readonly intake: IntakeService,
    private readonly options: DropFolderOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.stableMs = options.stableMs ?? 2000;
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
  }

  /** Creates the folders of every council feed and starts watching, resuming processing/. */
  async start(): Promise<void> {
    for (const { council, feed } of this.feeds()) {
      for (const stage of DROP_STAGES) {
        await mkdir(stageDir(this.options.dataDir, stage, council, feed), { recursive: true });
      }
    }
    this.stopped = false;
    this.running = this.resume().finally(() => this.schedule());
    await this.running;
  }

  /** Stops watching and waits for the file being read, if any. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((err: unknown) => this.log.error('drop folder poll failed', { error: err }))
        .finally(() => this.schedule());
    }, this.pollIntervalMs);
  }

  private async resume(): Promise<void> {
    for (const { council, feed } of this.feeds()) {
      const dir = stageDir(this.options.dataDir, 'processing', council, feed);
      for (const name of await listFiles(dir)) {
        this.log.info('resuming file left in processing', { council, feed, file: name });
        await this.process(council, feed, name);
      }
    }
  }

  private async poll(): Promise<void> {
    for (const { council, feed } of this.feeds()) {
      await this.retryDue(council, feed);
      const inbox = stageDir(this.options.dataDir, 'inbox', council, feed);
      for (const name of await listFiles(inbox)) {
        if (this.stopped) return;
        if (isIncomplete(name) || !(await this.isStable(join(inbox, name)))) continue;
        if (!(await this.take(council, feed, name))) continue;
        await this.process(council, feed, name);
      }
    }
  }

  private async isStable(path: string): Promise<boolean> {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return false;
    const now = Date.now();
    const before = this.seen.get(path);
    if (before === undefined || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
      this.seen.set(path, { size: info.size, mtimeMs: info.mtimeMs, since: now });
      return this.stableMs === 0;
    }
    return now - before.since >= this.stableMs;
  }

  /** Renames the file into processing/; false when another process took it first. */
  private async take(council: string, feed: string, name: string): Promise<boolean> {
    const from = join(stageDir(this.options.dataDir, 'inbox', council, feed), name);
    this.seen.delete(from);
    const dir = stageDir(this.options.dataDir, 'processing', council, feed);
    try {
      await rename(from, join(dir, name));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  private async retryDue(council: string, feed: string): Promise<void> {
    for (const [path, at] of this.retryAt) {
      const dir = stageDir(this.options.dataDir, 'processing', council, feed);
      if (!path.startsWith(dir) || Date.now() < at) continue;
      this.retryAt.delete(path);
      await this.process(council, feed, path.slice(dir.length + 1));
    }
  }

  private async process(council: string, feed: string, name: string): Promise<void> {
    const path = join(stageDir(this.options.dataDir, 'processing', council, feed), name);
    try {
      const { hash, size } = await hashFile(path);
      const summary = await this.intake.intake({
        council,
        feed,
        fileName: name,
        source: readLazily(path),
        totalBytes: size,
        contentHash: hash,
      });
      await this.finish(council, feed, name, 'processed');
      this.report({ council, feed, file: name, result: 'processed', summary });
    } catch (err) {
      await this.failed(council, feed, name, err);
    }
  }

  private async failed(council: string, feed: string, name: string, err: unknown): Promise<void> {
    const reason = err instanceof Error ? err.message : String(err);
    if (isRetriableLegacyWasteError(err)) {
      const path = join(stageDir(this.options.dataDir, 'processing', council, feed), name);
      this.retryAt.set(path, Date.now() + this.retryDelayMs);
      this.log.warn('file left in processing to retry', { council, feed, file: name, error: err });
      this.report({ council, feed, file: name, result: 'retry', reason });
      return;
    }
    const moved = await this.finish(council, feed, name, 'rejected');
    const code = err instanceof LegacyWasteError ? err.code : 'UNEXPECTED';
    const note = join(
      stageDir(this.options.dataDir, 'rejected', council, feed),
      `${moved}.reason.json`,
    );
    await writeFile(note, JSON.stringify({ file: name, code, reason, at: new Date() }, null, 2));
    this.log.warn('file rejected', { council, feed, file: name, code });
    this.report({ council, feed, file: name, result: 'rejected', reason });
  }

  /** Renames the file from processing/ to its final stage; returns the name it got there. */
  private async finish(
    council: string,
    feed: string,
    name: string,
    stage: 'processed' | 'rejected',
  ): Promise<string> {
    const dir = stageDir(this.options.dataDir, stage, council, feed);
    const target = freeName(dir, name, new Date());
    await rename(
      join(stageDir(this.options.dataDir, 'processing', council, feed), name),
      join(dir, target),
    );
    return target;
  }

  private report(outcome: DropOutcome): void {
    this.options.onOutcome?.(outcome);
  }

  private feeds(): Array<{ council: string; feed: string }> {
    return this.councils
      .list()
      .flatMap((council) =>
        [...council.feeds.keys()].map((feed) => ({ council: council.id, feed })),
      );
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.reason.json'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The file's bytes, opened only when intake starts reading: an already processed file is
 * moved away unread, and a stream opened early would then fail to find it.
 */
async function* readLazily(path: string): AsyncGenerator<Buffer> {
  yield* createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

async function hashFile(path: string): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { hash: hash.digest('hex'), size };
}
