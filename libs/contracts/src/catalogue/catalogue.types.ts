import type { CompatibilityLevel } from '@joinedup/avro';

/** Government Security Classification of an event, as the envelope's Classification enum. */
export type Classification = 'OFFICIAL' | 'OFFICIAL_SENSITIVE' | 'SPECIAL_CATEGORY';

/**
 * What kind of identifier a key is derived from, which decides how it is normalised before
 * it is pseudonymised: the same UPRN must give the same key whichever system sent it.
 * REFERENCE is an opaque id (case reference, application id, pairwise subject), only trimmed.
 */
export type IdentifierKind =
  'UPRN' | 'USRN' | 'VRM' | 'NHS_NUMBER' | 'DRIVING_LICENCE_NUMBER' | 'REFERENCE';

/** A place in the event to take the key's identifier from, e.g. `payload.uprn`. */
export interface KeySource {
  path: string;
  identifier: IdentifierKind;
}

export interface EventKey {
  /** The envelope field that holds the Kafka message key: always subjectKey. */
  field: 'subjectKey';
  /** Candidates in order; the first present (not null) one is pseudonymised. */
  from: KeySource[];
}

/** One event type as contracts/catalogue.json lists it, plus the names derived from it. */
export interface CatalogueEntry {
  eventType: string;
  domain: string;
  /** Payload schema file, relative to the contracts directory. */
  schema: string;
  topic: string;
  key: EventKey;
  classification: Classification;
  compatibility: CompatibilityLevel;
  /** Fully qualified name of the composed event record, e.g. uk.gov.council.joinedup.waste.MissedCollectionReported. */
  recordName: string;
  /** Schema registry subject under TopicRecordNameStrategy: `<topic>-<recordName>`. */
  subject: string;
}

export interface Catalogue {
  /** Absolute path of the contracts directory the catalogue was read from. */
  contractsDir: string;
  namespace: string;
  /** Envelope schema file, relative to the contracts directory. */
  envelope: string;
  subjectNameStrategy: 'TopicRecordNameStrategy';
  events: CatalogueEntry[];
}
