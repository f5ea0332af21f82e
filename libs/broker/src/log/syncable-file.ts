import * as fs from 'fs';

/**
 * A file descriptor that background fsyncs may be using. Closing it while an fs.fsync is
 * queued on the thread pool would let the number be reused by another open() and the fsync
 * land on the wrong file, so close() waits for the fsyncs in flight.
 */
export class SyncableFile {
  private inFlight = 0;
  private closeRequested = false;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly fd: number,
  ) {}

  /** Opens for reading and positioned writes; `create` makes the file when it is missing. */
  static open(path: string, create: boolean): SyncableFile {
    const flags = fs.constants.O_RDWR | (create ? fs.constants.O_CREAT : 0);
    return new SyncableFile(path, fs.openSync(path, flags, 0o644));
  }

  get isOpen(): boolean {
    return !this.closeRequested;
  }

  /** Resolves once the file's data is on disk; a file already closed has nothing to sync. */
  fsync(): Promise<void> {
    if (this.closeRequested) return Promise.resolve();
    this.inFlight++;
    return new Promise((resolve, reject) => {
      fs.fsync(this.fd, (err) => {
        this.inFlight--;
        if (this.closeRequested && this.inFlight === 0) this.closeNow();
        if (err) reject(err);
        else resolve();
      });
    });
  }

  fsyncSync(): void {
    if (!this.closeRequested) fs.fsyncSync(this.fd);
  }

  /** Closes now, or as soon as the fsyncs in flight finish. */
  close(): void {
    this.closeRequested = true;
    if (this.inFlight === 0) this.closeNow();
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}
