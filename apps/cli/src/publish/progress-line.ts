import { Writable } from 'node:stream';
import { isTerminal } from '../cli-io';

/** Often enough to look alive, rarely enough that drawing costs nothing next to producing. */
const REDRAW_INTERVAL_MS = 100;

/**
 * One line of progress on a terminal, redrawn in place with a carriage return; nothing at all
 * when the stream is a pipe or a file, so logs and captured output stay clean.
 */
export class ProgressLine {
  private readonly enabled: boolean;
  private drawnAt = 0;
  private shown = false;

  constructor(
    private readonly stream: Writable,
    private readonly now: () => number = Date.now,
  ) {
    this.enabled = isTerminal(stream);
  }

  /** Redraws the line, at most every REDRAW_INTERVAL_MS unless forced. */
  update(text: string, force = false): void {
    if (!this.enabled) return;
    const time = this.now();
    if (!force && time - this.drawnAt < REDRAW_INTERVAL_MS) return;
    this.drawnAt = time;
    this.shown = true;
    this.stream.write(`\r\u001b[K${text}`);
  }

  /** Erases the line, before other output is written to the same terminal. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.stream.write('\r\u001b[K');
  }
}
