/** Injection token of the ProcessedFileStore port. */
export const PROCESSED_FILE_STORE = Symbol('ProcessedFileStore');

/** A file intake has read to the end, identified by the SHA-256 of its bytes. */
export interface ProcessedFile {
  contentHash: string;
  council: string;
  feed: string;
  file: string;
  events: number;
  rejections: number;
  processedAt: Date;
}

/**
 * Remembers which files were processed, by content, so the same bytes uploaded again (under
 * any name) are reported as already processed instead of being read again.
 */
export interface ProcessedFileStore {
  find(contentHash: string): Promise<ProcessedFile | undefined>;
  /** Records the file; recording a hash already recorded keeps the first record. */
  record(file: ProcessedFile): Promise<void>;
}
