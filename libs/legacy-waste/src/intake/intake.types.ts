import { Readable } from 'node:stream';

/** A file to take in: its bytes, its name, and which council feed it belongs to. */
export interface IntakeInput {
  council: string;
  feed: string;
  /** The file's name as the council sent it, used in rejections and logs. */
  fileName: string;
  /** The bytes, read once. */
  source: Readable | AsyncIterable<Buffer>;
  /** Size in bytes when known, for progress. */
  totalBytes?: number;
  /**
   * SHA-256 (hex) of the bytes, when the caller knows it before reading (a file on disk): an
   * already processed file is then recognised without reading it. Otherwise the hash is
   * computed while reading, and a repeat is only recognised at the end.
   */
  contentHash?: string;
  /** Correlation id of the upload, for logs. */
  correlationId?: string;
}

export interface IntakeProgress {
  recordsRead: number;
  bytesRead: number;
  totalBytes?: number;
  events: number;
  rejections: number;
}

export interface IntakeOptions {
  /** Called as reading goes on (at most every `progressEveryMs`) and once at the end. */
  onProgress?: (progress: IntakeProgress) => void;
  /** Read and publish even if the same content was processed before. */
  force?: boolean;
}

export interface IntakeSummary {
  council: string;
  feed: string;
  file: string;
  contentHash: string;
  /** The same bytes were processed before; nothing was read or published this time. */
  alreadyProcessed: boolean;
  recordsRead: number;
  bytesRead: number;
  /** Events handed to the sink. */
  events: number;
  eventsByType: Record<string, number>;
  rejections: number;
  /** Records whose event id had already been met in this file (the same record twice). */
  duplicatesSkipped: number;
  startedAt: Date;
  finishedAt: Date;
}
