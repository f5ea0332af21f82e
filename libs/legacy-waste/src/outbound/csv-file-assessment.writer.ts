import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decode, encode } from 'iconv-lite';
import { AbandonedVehicleAssessed } from '@joinedup/contracts';
import { createLogger } from '@joinedup/logging';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { AssessmentReceipt, AssessmentWriter } from './assessment-writer.port';
import { csvRow } from './csv-field';

export interface CsvAssessmentWriterOptions {
  /** The folder the legacy system collects files from. */
  outboxDir: string;
  /** Default abandoned-vehicle-assessments: files are `<prefix>-YYYY-MM-DD.csv`. */
  filePrefix?: string;
  /** Default utf-8; windows-1252 for systems that read ANSI files. */
  encoding?: 'utf-8' | 'windows-1252';
  now?: () => Date;
}

export const ASSESSMENT_CSV_HEADER = [
  'event_id',
  'case_reference',
  'registration_mark',
  'outcome',
  'reason_codes',
  'reason',
  'referred_to',
  'assessed_at',
];

/**
 * Appends each assessment as a row of the day's CSV file (London date) in an outbox folder.
 * The file is never written in place: the new content goes to a temporary file in the same
 * folder, is flushed to disk and renamed over the old one, so a reader never sees half a row
 * and a crash leaves the previous day's file whole. An assessment whose event id is already in
 * the file is not written twice (a retried delivery). Writes in one process are serialised.
 */
export class CsvFileAssessmentWriter implements AssessmentWriter {
  private readonly log = createLogger(CsvFileAssessmentWriter.name);
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: CsvAssessmentWriterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  write(assessment: AbandonedVehicleAssessed): Promise<AssessmentReceipt> {
    const next = this.queue.then(() => this.append(assessment));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async append(assessment: AbandonedVehicleAssessed): Promise<AssessmentReceipt> {
    const name = `${this.options.filePrefix ?? 'abandoned-vehicle-assessments'}-${londonDate(this.now())}.csv`;
    const path = join(this.options.outboxDir, name);
    try {
      await mkdir(this.options.outboxDir, { recursive: true });
      const existing = await this.read(path);
      if (
        existing.includes(`\n${assessment.eventId},`) ||
        existing.startsWith(`${assessment.eventId},`)
      ) {
        return { reference: name, attempts: 1, duplicate: true };
      }
      const header = existing.length === 0 ? csvRow(ASSESSMENT_CSV_HEADER) : '';
      await this.replace(path, existing + header + csvRow(rowOf(assessment)));
      this.log.info('assessment written to outbox file', {
        file: name,
        eventId: assessment.eventId,
      });
      return { reference: name, attempts: 1, duplicate: false };
    } catch (err) {
      throw new LegacyWasteError(
        'OUTBOX_WRITE_FAILED',
        `writing the assessment to ${path} failed: ${(err as Error).message}`,
        { file: path },
        { cause: err },
      );
    }
  }

  private async read(path: string): Promise<string> {
    try {
      const bytes = await readFile(path);
      return this.options.encoding === 'windows-1252'
        ? decode(bytes, 'windows-1252')
        : bytes.toString('utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
  }

  private async replace(path: string, content: string): Promise<void> {
    const temporary = join(this.options.outboxDir, `.${randomUUID()}.tmp`);
    const bytes =
      this.options.encoding === 'windows-1252'
        ? encode(content, 'windows-1252')
        : Buffer.from(content, 'utf8');
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }
}

function rowOf(assessment: AbandonedVehicleAssessed): string[] {
  const { payload } = assessment;
  return [
    assessment.eventId,
    payload.caseReference,
    payload.registrationMark ?? '',
    payload.outcome,
    payload.reasonCodes.join(';'),
    payload.reason,
    payload.referredTo ?? '',
    assessment.occurredAt.toISOString(),
  ];
}

/** YYYY-MM-DD of the instant in London, the day a council officer would file it under. */
function londonDate(at: Date): string {
  return at.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
