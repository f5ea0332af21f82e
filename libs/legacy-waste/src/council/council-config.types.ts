/** How a feed's bytes are decoded. `auto` decides at the first non-ASCII byte. */
export type SourceEncoding = 'auto' | 'utf-8' | 'windows-1252';

export type FeedFormat = 'csv' | 'fixed-width' | 'bartec-xml';

/** How a source value becomes a contract value. */
export type FieldType =
  | 'text'
  | 'uprn'
  | 'usrn'
  | 'postcode'
  | 'registrationMark'
  | 'date'
  | 'datetime'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'code';

/** Local times in UK legacy exports are wall-clock times in London unless a feed says UTC. */
export type SourceTimeZone = 'Europe/London' | 'UTC';

/** One contract field: where its value comes from and how it is converted. */
export interface FieldRule {
  /** The source field: a CSV column, a layout field or a dotted XML path. */
  source?: string;
  /** A fixed value, for fields the feed does not carry (the report channel of a crew feed). */
  constant?: string | number | boolean;
  type: FieldType;
  /** Date and datetime patterns (yyyy, MM, dd, HH, mm, ss and literals) or `iso`. */
  format?: string;
  timeZone?: SourceTimeZone;
  /** Source code to contract symbol, matched case- and space-insensitively (type `code`). */
  codes?: Record<string, string>;
  /** The symbol for a code the table lacks; without it an unknown code is a rejection. */
  otherwise?: string;
  /** A missing value is a rejection. */
  required?: boolean;
  /** Longer values are rejected (the standard's 20-character event type, for instance). */
  maxLength?: number;
}

/** Which records of a feed an event mapping takes: those whose `source` is one of `in`. */
export interface RecordCondition {
  source: string;
  in: string[];
}

/** How a record becomes one event type. */
export interface EventMapping {
  eventType: string;
  when?: RecordCondition;
  occurredAt: FieldRule;
  /** The work the event belongs to; defaults to the event id, as a record starts a chain. */
  correlationId?: FieldRule;
  /** Dotted payload paths (`reason.level1`, `geo.latitude`) to their rules. */
  payload: Record<string, FieldRule>;
}

/** A feed's mapping file: `<council dir>/<feed>.mapping.json`. */
export interface FeedMapping {
  /** The envelope's sourceSystem, lower-case, e.g. bartec-collective. */
  sourceSystem: string;
  /**
   * Source fields that identify a record in the legacy system. The event id is derived from
   * them, so a record exported again with other details changed keeps its id. Without them
   * the id is derived from every mapped value.
   */
  naturalKey?: string[];
  /** The first mapping whose condition matches a record is used. */
  events: EventMapping[];
}

export type TrimMode = 'both' | 'left' | 'right' | 'none';

/** One field of a fixed-width record; `start` counts from 1, as layout documents do. */
export interface LayoutField {
  name: string;
  start: number;
  length: number;
  type?: 'text' | 'integer' | 'decimal' | 'date' | 'datetime';
  trim?: TrimMode;
  /** For date and datetime fields: the pattern, e.g. yyyyMMdd or yyyyMMddHHmmss. */
  dateFormat?: string;
}

/** A fixed-width layout file: `<council dir>/<feed>.layout.json`. */
export interface FixedWidthLayout {
  /** Lines before the first record (titles, column rulers). */
  skipLines?: number;
  /** Lines starting with one of these are trailers or comments, not records. */
  ignorePrefixes?: string[];
  fields: LayoutField[];
}

interface FeedBase {
  name: string;
  encoding: SourceEncoding;
  mapping: FeedMapping;
}

export interface CsvFeed extends FeedBase {
  format: 'csv';
  delimiter: string;
  /** How many rows may come before the header row (report titles, run dates). */
  maxPreambleRows: number;
}

export interface FixedWidthFeed extends FeedBase {
  format: 'fixed-width';
  layout: FixedWidthLayout;
}

export interface BartecXmlFeed extends FeedBase {
  format: 'bartec-xml';
  /** The element each record is, e.g. ServiceRequest or Event. */
  recordElement: string;
  /** Responses larger than this are refused: the XML is parsed whole. */
  maxBytes: number;
}

export type FeedConfig = CsvFeed | FixedWidthFeed | BartecXmlFeed;

/** A council as `<councils dir>/<id>/council.json` and its feed files describe it. */
export interface CouncilConfig {
  /** Short lower-case id, also the drop folder name, e.g. adur. */
  id: string;
  name: string;
  /** GSS (ONS) code, the envelope's council, e.g. E07000223. */
  gssCode: string;
  feeds: ReadonlyMap<string, FeedConfig>;
}
