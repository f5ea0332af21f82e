import type { CompatibilityLevel } from '@joinedup/avro';
import { RegistryRecord, SchemaValue } from '../store/registry-record';
import { RegistryMode } from './registry-mode';
import { schemaFingerprint } from './schema-fingerprint';

type RecordOf<T extends RegistryRecord['key']['keytype']> = Extract<
  RegistryRecord,
  { key: { keytype: T } }
>;

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';
export const DEFAULT_MODE: RegistryMode = 'READWRITE';

/** One version of one subject. */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  deleted: boolean;
  /** The text this version was registered with. */
  schema: string;
  /** Equal for the same schema however spelled; see schemaFingerprint. */
  fingerprint: string;
}

/** A schema under its global id, with the text it was first registered with. */
export interface StoredSchema {
  id: number;
  schema: string;
  schemaType?: string;
  /** Its Parsing Canonical Form: schemas that encode alike share an id. */
  identity: string;
}

/** Computes a schema's identity from its text; throws when the text is not a schema. */
export type SchemaIdentity = (schema: string) => string;

/**
 * The registry's whole state, rebuilt by applying the records of the `_schemas` topic in order.
 * It only applies records and answers queries: every decision (which id, which version, whether
 * a deletion is allowed) is the service's, so replaying a log always rebuilds the same state.
 *
 * Two notions of sameness: an id stands for a Parsing Canonical Form (schemas that write the
 * same bytes share an id, so any of their texts decodes the data), while a subject's versions
 * differ whenever the fingerprint does, defaults and docs included, because those change how a
 * reader resolves older data and so must be checked and kept.
 */
export class RegistryState {
  private readonly subjects = new Map<string, Map<number, SubjectVersion>>();
  private readonly schemas = new Map<number, StoredSchema>();
  private readonly idsByIdentity = new Map<string, number>();
  /** Versions that point at each id, soft-deleted ones included. */
  private readonly versionsById = new Map<number, Set<SubjectVersion>>();
  private readonly subjectCompatibility = new Map<string, CompatibilityLevel>();
  private readonly subjectModes = new Map<string, RegistryMode>();
  private globalCompatibility?: CompatibilityLevel;
  private globalMode?: RegistryMode;
  private maxId = 0;

  constructor(private readonly identify: SchemaIdentity) {}

  apply(record: RegistryRecord): void {
    switch (record.key.keytype) {
      case 'SCHEMA':
        return this.applySchema(record as RecordOf<'SCHEMA'>);
      case 'CONFIG':
        return this.applyConfig(record as RecordOf<'CONFIG'>);
      case 'MODE':
        return this.applyMode(record as RecordOf<'MODE'>);
      case 'DELETE_SUBJECT':
        return this.applyDeleteSubject(record as RecordOf<'DELETE_SUBJECT'>);
      case 'CLEAR_SUBJECT':
        return this.applyClearSubject(record as RecordOf<'CLEAR_SUBJECT'>);
      case 'ID_WATERMARK':
        return this.applyIdWatermark(record as RecordOf<'ID_WATERMARK'>);
    }
  }

  /** The next unused global id: ids are never handed out twice, even after hard deletes. */
  nextId(): number {
    return this.maxId + 1;
  }

  get highestId(): number {
    return this.maxId;
  }

  /** Subjects with at least one live version (or any version when includeDeleted). */
  subjectNames(includeDeleted: boolean): string[] {
    return [...this.subjects.keys()]
      .filter((subject) => this.versionsOf(subject, includeDeleted).length > 0)
      .sort();
  }

  /** The subject's versions in ascending order, soft-deleted ones only when includeDeleted. */
  versionsOf(subject: string, includeDeleted: boolean): SubjectVersion[] {
    const versions = this.subjects.get(subject);
    if (!versions) return [];
    return [...versions.values()]
      .filter((v) => includeDeleted || !v.deleted)
      .sort((a, b) => a.version - b.version);
  }

  version(subject: string, version: number): SubjectVersion | undefined {
    return this.subjects.get(subject)?.get(version);
  }

  schemaById(id: number): StoredSchema | undefined {
    return this.schemas.get(id);
  }

  /** Whether any version, soft-deleted or not, still points at the id. */
  isReferenced(id: number): boolean {
    return (this.versionsById.get(id)?.size ?? 0) > 0;
  }

  versionsUsingId(id: number, includeDeleted: boolean): SubjectVersion[] {
    return [...(this.versionsById.get(id) ?? [])]
      .filter((v) => includeDeleted || !v.deleted)
      .sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version);
  }

  idForIdentity(identity: string): number | undefined {
    return this.idsByIdentity.get(identity);
  }

  subjectCompatibilityLevel(subject: string): CompatibilityLevel | undefined {
    return this.subjectCompatibility.get(subject);
  }

  globalCompatibilityLevel(): CompatibilityLevel {
    return this.globalCompatibility ?? DEFAULT_COMPATIBILITY;
  }

  effectiveCompatibility(subject: string): CompatibilityLevel {
    return this.subjectCompatibility.get(subject) ?? this.globalCompatibilityLevel();
  }

  subjectMode(subject: string): RegistryMode | undefined {
    return this.subjectModes.get(subject);
  }

  globalModeValue(): RegistryMode {
    return this.globalMode ?? DEFAULT_MODE;
  }

  effectiveMode(subject: string): RegistryMode {
    return this.subjectModes.get(subject) ?? this.globalModeValue();
  }

  private applySchema({ key, value }: RecordOf<'SCHEMA'>): void {
    if (value === null) this.removeVersion(key.subject, key.version);
    else this.putVersion(value);
  }

  private applyConfig({ key, value }: RecordOf<'CONFIG'>): void {
    const level = value?.compatibilityLevel;
    if (key.subject === null) this.globalCompatibility = level;
    else setOrDelete(this.subjectCompatibility, key.subject, level);
  }

  private applyMode({ key, value }: RecordOf<'MODE'>): void {
    if (key.subject === null) this.globalMode = value?.mode;
    else setOrDelete(this.subjectModes, key.subject, value?.mode);
  }

  private applyDeleteSubject({ key, value }: RecordOf<'DELETE_SUBJECT'>): void {
    if (value === null) return;
    for (const entry of this.subjects.get(key.subject)?.values() ?? []) {
      if (entry.version <= value.version) entry.deleted = true;
    }
  }

  private applyClearSubject({ key, value }: RecordOf<'CLEAR_SUBJECT'>): void {
    if (value === null) return;
    for (const entry of this.versionsOf(key.subject, true)) {
      if (entry.version <= value.version) this.removeVersion(key.subject, entry.version);
    }
  }

  private applyIdWatermark({ value }: RecordOf<'ID_WATERMARK'>): void {
    if (value !== null) this.maxId = Math.max(this.maxId, value.maxId);
  }

  private putVersion(value: SchemaValue): void {
    this.registerSchema(value);
    const versions = getOrCreate(this.subjects, value.subject, () => new Map());
    const previous = versions.get(value.version);
    if (previous) this.versionsById.get(previous.id)?.delete(previous);

    const entry: SubjectVersion = {
      subject: value.subject,
      version: value.version,
      id: value.id,
      deleted: value.deleted,
      schema: value.schema,
      fingerprint: schemaFingerprint(value.schema),
    };
    versions.set(value.version, entry);
    getOrCreate(this.versionsById, value.id, () => new Set()).add(entry);
    this.maxId = Math.max(this.maxId, value.id);
  }

  private registerSchema(value: SchemaValue): void {
    if (this.schemas.has(value.id)) return;
    const identity = this.identityOf(value.schema);
    this.schemas.set(value.id, {
      id: value.id,
      schema: value.schema,
      identity,
      ...(value.schemaType ? { schemaType: value.schemaType } : {}),
    });
    if (!this.idsByIdentity.has(identity)) this.idsByIdentity.set(identity, value.id);
  }

  /**
   * A stored schema that no longer parses (written by another tool, or by a stricter parser
   * of ours) is kept under its text, so its id still answers; it just never matches a new one.
   */
  private identityOf(schema: string): string {
    try {
      return this.identify(schema);
    } catch {
      return `unparsed:${schema}`;
    }
  }

  private removeVersion(subject: string, version: number): void {
    const versions = this.subjects.get(subject);
    const entry = versions?.get(version);
    if (!versions || !entry) return;
    versions.delete(version);
    this.versionsById.get(entry.id)?.delete(entry);
    if (versions.size === 0) this.subjects.delete(subject);
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function setOrDelete<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}
