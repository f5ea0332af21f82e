import * as path from 'node:path';
import { FileHandle, open, readFile, rename } from 'node:fs/promises';
import { createLogger } from '@joinedup/logging';
import { decodeRecord, encodeRecord, JournalRecord } from './group-records';

const SNAPSHOT_FILE = 'groups.snapshot.jsonl';
const JOURNAL_FILE = 'groups.journal.jsonl';

interface PendingWrite {
  data: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Durable group state: a snapshot file plus an append-only journal, both JSON lines.
 *
 * Appends waiting at the same moment share one write and one fsync (group commit), and each
 * append resolves only once its fsync is done, so an OffsetCommit is answered after its offsets
 * are on disk. When the journal outgrows `compactBytes`, and on every open, the whole state is
 * written to a new snapshot (temp file, fsync, rename, fsync of the directory) and the journal
 * is truncated. A crash between those two steps is harmless: replaying the journal over the
 * newer snapshot sets every key to the value it already has.
 */
export class GroupJournal {
  private readonly log = createLogger('GroupJournal');
  private readonly snapshotPath: string;
  private readonly journalPath: string;
  private handle: FileHandle | null = null;
  private snapshot: () => JournalRecord[] = () => [];
  private queue: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private bytes = 0;
  private compactAt: number;

  constructor(
    private readonly dir: string,
    private readonly compactBytes: number,
  ) {
    this.snapshotPath = path.join(dir, SNAPSHOT_FILE);
    this.journalPath = path.join(dir, JOURNAL_FILE);
    this.compactAt = compactBytes;
  }

  /** The snapshot's records, then the journal's, in the order they must be replayed. */
  async read(): Promise<JournalRecord[]> {
    return [
      ...(await this.readFileRecords(this.snapshotPath)),
      ...(await this.readFileRecords(this.journalPath)),
    ];
  }

  /**
   * Compacts what was read into a fresh snapshot and opens the journal for appending.
   * `snapshot` must return the current state as records whenever it is called.
   */
  async open(snapshot: () => JournalRecord[]): Promise<void> {
    this.snapshot = snapshot;
    this.handle = await open(this.journalPath, 'a');
    await this.compact();
  }

  /** Appends a record; resolves once it is fsynced. */
  append(record: JournalRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.handle) return Promise.reject(new Error('the group journal is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ data: encodeRecord(record), resolve, reject });
      this.flushing ??= this.flushQueue();
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private async flushQueue(): Promise<void> {
    while (this.queue.length > 0 && this.handle) {
      const batch = this.queue.splice(0);
      const data = batch.map((w) => w.data).join('');
      try {
        await this.handle.appendFile(data);
        await this.handle.datasync();
      } catch (err) {
        this.poison(err as Error, batch);
        break;
      }
      this.bytes += Buffer.byteLength(data);
      for (const w of batch) w.resolve();
      if (this.bytes >= this.compactAt) await this.compactInBackground();
    }
    this.flushing = null;
  }

  /**
   * After a failed write or fsync nothing more is appended: the kernel may already have
   * dropped the dirty pages, so a retried fsync could report success for lost data.
   */
  private poison(err: Error, batch: PendingWrite[]): void {
    this.failure = err;
    this.log.error('group journal write failed; offsets cannot be committed until restart', {
      file: this.journalPath,
      error: err,
    });
    for (const w of [...batch, ...this.queue.splice(0)]) w.reject(err);
  }

  private async compactInBackground(): Promise<void> {
    try {
      await this.compact();
    } catch (err) {
      this.compactAt = this.bytes + this.compactBytes;
      this.log.error('group journal compaction failed; the journal keeps growing', {
        file: this.snapshotPath,
        error: err,
      });
    }
  }

  private async compact(): Promise<void> {
    const text = this.snapshot().map(encodeRecord).join('');
    const temp = `${this.snapshotPath}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, this.snapshotPath);
    await syncDirectory(this.dir);
    if (this.handle) {
      await this.handle.truncate(0);
      await this.handle.sync();
    }
    this.bytes = 0;
    this.compactAt = this.compactBytes;
  }

  private async readFileRecords(file: string): Promise<JournalRecord[]> {
    const text = await readIfExists(file);
    if (text === null) return [];
    const lines = text.split('\n');
    // After the last newline: empty, or a line whose write was cut short by a crash.
    const tail = lines.pop() ?? '';
    const records: JournalRecord[] = [];
    lines.forEach((line, index) => {
      if (line === '') return;
      try {
        records.push(decodeRecord(line));
      } catch (err) {
        const isLastLine = index === lines.length - 1 && tail === '';
        this.reportBadLine(file, index + 1, line, err as Error, isLastLine);
      }
    });
    if (tail !== '') {
      try {
        records.push(decodeRecord(tail));
      } catch (err) {
        this.reportBadLine(file, lines.length + 1, tail, err as Error, true);
      }
    }
    return records;
  }

  private reportBadLine(
    file: string,
    line: number,
    text: string,
    err: Error,
    isLast: boolean,
  ): void {
    const context = { file, line, bytes: Buffer.byteLength(text), reason: err.message };
    if (isLast) {
      this.log.warn('ignoring a torn last line of the group journal', context);
    } else {
      this.log.error('skipping a corrupt line of the group journal', context);
    }
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Makes a rename durable. Some platforms (Windows) cannot open a directory; they skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // fsync on a directory is unsupported on some file systems; the rename stands regardless.
  } finally {
    await handle.close();
  }
}
