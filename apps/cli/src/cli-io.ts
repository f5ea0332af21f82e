import { Writable } from 'node:stream';
import { CliSettings } from './cli-settings';

/** Where a command writes: results to `out`, problems and progress to `err`. */
export interface CliIo {
  out: Writable;
  err: Writable;
  /** Stops a long-running command (tail --follow) as if it had finished; Ctrl+C in main. */
  signal?: AbortSignal;
}

/** What every command is run with, so tests can inject settings and capture the output. */
export interface CommandContext {
  settings: CliSettings;
  io: CliIo;
}

/** Writes one line, waiting when the reader is slower than we are rather than buffering. */
export function writeLine(stream: Writable, line: string): Promise<void> {
  if (stream.write(`${line}\n`)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', resolve));
}

export function isTerminal(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}
