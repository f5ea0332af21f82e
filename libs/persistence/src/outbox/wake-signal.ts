/**
 * A sleep that notify() or stop() can cut short. A notify that comes while nobody sleeps is
 * kept for the next sleep, so a commit made while the relay is busy is not missed.
 */
export class WakeSignal {
  private pending = false;
  private stopped = false;
  private wake: (() => void) | undefined;
  private honoursNotify = true;

  /** Sleeps up to ms; with `notifiable` false only stop() ends it early (used for backoff). */
  sleep(ms: number, notifiable: boolean): Promise<void> {
    if (this.stopped || (notifiable && this.takePending())) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.honoursNotify = notifiable;
      this.wake = finish;
    });
  }

  notify(): void {
    if (this.wake && this.honoursNotify) {
      this.wake();
      return;
    }
    this.pending = true;
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  restart(): void {
    this.stopped = false;
  }

  private takePending(): boolean {
    const was = this.pending;
    this.pending = false;
    return was;
  }
}
