/**
 * Stable codes of LegacyWasteError. Callers branch on `retriable`, or on the code where they
 * need finer handling; never on the message.
 */
export type LegacyWasteErrorCode =
  /** The whole file cannot be read: bad encoding, no header row, XML that does not parse. */
  | 'FILE_UNREADABLE'
  /** A council's configuration, feed mapping or layout file is wrong. */
  | 'COUNCIL_CONFIG_INVALID'
  /** A council id or feed name that the configuration does not know. */
  | 'UNKNOWN_FEED'
  /** No stored rejection has the id asked for. */
  | 'REJECTION_NOT_FOUND'
  /** The rejection cannot be corrected or resubmitted: it is resolved, or has no record. */
  | 'REJECTION_NOT_CORRECTABLE'
  /** The event sink refused or failed a batch of events. */
  | 'PUBLISH_FAILED'
  /** The rejection or processed-file store failed. */
  | 'STORE_FAILED'
  /** The legacy system could not be reached or answered 5xx after every retry. */
  | 'LEGACY_UNAVAILABLE'
  /** The legacy system answered with an error (4xx, a SOAP fault or Errors.Error). */
  | 'LEGACY_REJECTED'
  /** An outbound CSV file could not be written. */
  | 'OUTBOX_WRITE_FAILED';

const RETRIABLE_CODES: ReadonlySet<LegacyWasteErrorCode> = new Set<LegacyWasteErrorCode>([
  'PUBLISH_FAILED',
  'LEGACY_UNAVAILABLE',
  'OUTBOX_WRITE_FAILED',
]);

/** Where an error happened: names, counts, offsets; never record values or personal data. */
export interface LegacyWasteErrorContext {
  file?: string;
  line?: number;
  council?: string;
  feed?: string;
  [detail: string]: unknown;
}

/**
 * The one error type of @joinedup/legacy-waste. `retriable` is true when the same call may
 * succeed later (a broker or legacy system that is down), false when it never will (a file
 * that cannot be read, a bad configuration). A store failure inherits `retriable` from its
 * cause when the cause says.
 */
export class LegacyWasteError extends Error {
  readonly retriable: boolean;

  constructor(
    readonly code: LegacyWasteErrorCode,
    message: string,
    readonly context: LegacyWasteErrorContext = {},
    options?: { cause?: unknown; retriable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LegacyWasteError';
    this.retriable = options?.retriable ?? RETRIABLE_CODES.has(code);
  }
}

/** True for errors that a later attempt may get past; programmer errors never are. */
export function isRetriableLegacyWasteError(err: unknown): boolean {
  if (err instanceof LegacyWasteError) return err.retriable;
  const flagged = err as { retriable?: unknown; isRetriable?: unknown } | null;
  return flagged?.retriable === true || flagged?.isRetriable === true;
}
