import * as fs from 'fs';
import * as path from 'path';

/** Kafka's file names: the base offset zero-padded to 20 digits, then the file's role. */
export type SegmentFileKind = '.log' | '.index' | '.timeindex';

const OFFSET_DIGITS = 20;
const SEGMENT_LOG_NAME = /^(\d{20})\.log$/;

export function segmentFileName(baseOffset: number, kind: SegmentFileKind): string {
  return String(baseOffset).padStart(OFFSET_DIGITS, '0') + kind;
}

/** The base offset a `.log` file name stands for, or undefined for any other file. */
export function parseSegmentLogName(fileName: string): number | undefined {
  const match = SEGMENT_LOG_NAME.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/** Reads until `length` bytes or the end of the file; returns how many were read. */
export function readFully(
  fd: number,
  buf: Buffer,
  offset: number,
  length: number,
  position: number,
): number {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export function writeFully(
  fd: number,
  buf: Buffer,
  offset: number,
  length: number,
  position: number,
): void {
  let done = 0;
  while (done < length) {
    done += fs.writeSync(fd, buf, offset + done, length - done, position + done);
  }
}

/** Makes a directory's entries (created, renamed or removed files) durable. */
export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a small file so that a crash leaves either the old or the new content: temp, fsync, rename. */
export function writeFileAtomicSync(file: string, content: string | Buffer): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    writeFully(fd, data, 0, data.length, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  fsyncDirSync(path.dirname(file));
}

export function fileSize(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export function unlinkIfExists(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
