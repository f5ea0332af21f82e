import { DataSource } from 'typeorm';
import { ProcessedFile, ProcessedFileStore } from '../intake/processed-file-store.port';
import { placeholders, timeParam } from './legacy-waste-database';

interface ProcessedFileRow {
  content_hash: string;
  council: string;
  feed: string;
  file: string;
  events: number;
  rejections: number;
  processed_at: string | Date;
}

/** ProcessedFileStore on the project's database (SQLite or PostgreSQL). */
export class SqlProcessedFileStore implements ProcessedFileStore {
  private readonly param: (index: number) => string;

  constructor(private readonly ds: DataSource) {
    this.param = placeholders(ds);
  }

  async find(contentHash: string): Promise<ProcessedFile | undefined> {
    const rows = (await this.ds.query(
      'SELECT content_hash, council, feed, file, events, rejections, processed_at ' +
        `FROM legacy_processed_file WHERE content_hash = ${this.param(1)}`,
      [contentHash],
    )) as ProcessedFileRow[];
    if (rows.length === 0) return undefined;
    const row = rows[0];
    return {
      contentHash: row.content_hash,
      council: row.council,
      feed: row.feed,
      file: row.file,
      events: Number(row.events),
      rejections: Number(row.rejections),
      processedAt: new Date(row.processed_at),
    };
  }

  async record(file: ProcessedFile): Promise<void> {
    const marks = Array.from({ length: 7 }, (_, index) => this.param(index + 1)).join(', ');
    await this.ds.query(
      'INSERT INTO legacy_processed_file (content_hash, council, feed, file, events, rejections, processed_at) ' +
        `VALUES (${marks}) ON CONFLICT (content_hash) DO NOTHING`,
      [
        file.contentHash,
        file.council,
        file.feed,
        file.file,
        file.events,
        file.rejections,
        timeParam(this.ds, file.processedAt),
      ],
    );
  }
}
