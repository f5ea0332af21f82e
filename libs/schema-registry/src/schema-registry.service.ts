import type { CompatibilityLevel } from '@joinedup/avro';
import { createLogger } from '@joinedup/logging';
import { checkAvroCompatibility, identifyAvroSchema } from './avro-schemas';
import { RegistryError, RegistryErrors } from './errors/registry.error';
import { RegistryMode } from './state/registry-mode';
import { RegistryState, SubjectVersion } from './state/registry-state';
import { schemaFingerprint } from './state/schema-fingerprint';
import {
  configKey,
  idWatermarkKey,
  modeKey,
  RegistryRecord,
  schemaKey,
} from './store/registry-record';
import { SchemaStore } from './store/schema-store';
import { SchemaStoreError } from './store/schema-store.error';

/** A version as the API names it: a number, or the latest version. */
export type VersionSpec = number | 'latest';

/** The body of a register, look-up or compatibility request, already checked for shape. */
export interface SchemaRequest {
  schema: string;
  /** Only in IMPORT mode: the id and version the schema had in the registry it comes from. */
  id?: number;
  version?: number;
}

/** A subject's version as the API returns it. */
export interface SchemaVersionView {
  subject: string;
  id: number;
  version: number;
  schema: string;
  schemaType?: string;
}

export interface CompatibilityReport {
  is_compatible: boolean;
  messages?: string[];
}

/**
 * The registry's operations, with Confluent's semantics. Reads answer from the in-memory state;
 * writes are decided one at a time, appended to the store, and answered once the store has fed
 * them back into the state, so a client that reads after a write sees it.
 */
export class SchemaRegistryService {
  private readonly log = createLogger(SchemaRegistryService.name);
  private readonly state = new RegistryState(identifyAvroSchema);
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: SchemaStore) {}

  /** Rebuilds the state from the store and follows it from then on. */
  async start(): Promise<void> {
    await this.store.start((record) => this.state.apply(record));
    this.log.info('schema registry state loaded', {
      subjects: this.state.subjectNames(false).length,
      highestId: this.state.highestId,
    });
  }

  async close(): Promise<void> {
    await this.writes.catch(() => undefined);
    await this.store.close();
  }

  // Subjects and versions

  listSubjects(includeDeleted: boolean, prefix = ''): string[] {
    return this.state.subjectNames(includeDeleted).filter((s) => s.startsWith(prefix));
  }

  listVersions(subject: string, includeDeleted: boolean): number[] {
    const versions = this.state.versionsOf(subject, includeDeleted);
    if (versions.length === 0) throw RegistryErrors.subjectNotFound(subject);
    return versions.map((v) => v.version);
  }

  getVersion(subject: string, spec: VersionSpec, includeDeleted: boolean): SchemaVersionView {
    return this.viewOf(this.findVersion(subject, spec, includeDeleted));
  }

  async register(subject: string, request: SchemaRequest): Promise<{ id: number }> {
    return this.exclusive(async () => {
      const mode = this.assertWritable(subject);
      const identity = identifyAvroSchema(request.schema);
      const isImport = mode === 'IMPORT';
      if (!isImport && (request.id !== undefined || request.version !== undefined)) {
        throw RegistryErrors.operationNotPermitted(`Subject '${subject}' is not in import mode`);
      }

      const live = this.state.versionsOf(subject, false);
      const fingerprint = schemaFingerprint(request.schema);
      const existing = live.find((v) => v.fingerprint === fingerprint);
      if (existing && (request.id === undefined || request.id === existing.id)) {
        return { id: existing.id };
      }
      if (!isImport) this.assertCompatible(subject, request.schema, live);

      const id = this.chooseId(identity, request.id);
      const version = this.chooseVersion(subject, request.version);
      await this.append([
        {
          key: schemaKey(subject, version),
          value: { subject, version, id, schema: request.schema, deleted: false },
        },
      ]);
      this.log.info('schema registered', { subject, version, id });
      return { id };
    });
  }

  lookup(subject: string, request: SchemaRequest, includeDeleted: boolean): SchemaVersionView {
    const versions = this.state.versionsOf(subject, includeDeleted);
    if (versions.length === 0) throw RegistryErrors.subjectNotFound(subject);
    const identity = identifyAvroSchema(request.schema);
    const fingerprint = schemaFingerprint(request.schema);
    const newestFirst = [...versions].reverse();
    const found =
      newestFirst.find((v) => v.fingerprint === fingerprint) ??
      newestFirst.find((v) => this.identityOf(v) === identity);
    if (!found) throw RegistryErrors.schemaNotFound();
    return this.viewOf(found);
  }

  // Schemas by id

  getSchemaById(id: number): { schema: string; schemaType?: string } {
    const stored = this.state.schemaById(id);
    if (!stored || !this.state.isReferenced(id)) throw RegistryErrors.schemaNotFound(id);
    return stored.schemaType
      ? { schema: stored.schema, schemaType: stored.schemaType }
      : { schema: stored.schema };
  }

  versionsOfId(id: number, includeDeleted: boolean): { subject: string; version: number }[] {
    this.getSchemaById(id);
    return this.state
      .versionsUsingId(id, includeDeleted)
      .map(({ subject, version }) => ({ subject, version }));
  }

  // Deletes

  async deleteVersion(subject: string, spec: VersionSpec, permanent: boolean): Promise<number> {
    return this.exclusive(async () => {
      this.assertWritable(subject);
      if (this.state.versionsOf(subject, true).length === 0) {
        throw RegistryErrors.subjectNotFound(subject);
      }
      // A numbered version is found even when soft-deleted, to answer 40406 rather than 40402;
      // `latest` is the latest live version for a soft delete, the latest of all for a hard one.
      const entry = this.findVersion(subject, spec, spec !== 'latest' || permanent);
      if (!permanent && entry.deleted) {
        throw RegistryErrors.versionSoftDeleted(subject, entry.version);
      }
      if (permanent && !entry.deleted) {
        throw RegistryErrors.versionNotSoftDeleted(subject, entry.version);
      }

      await this.append(permanent ? this.hardDeletion([entry]) : this.softDeletion([entry]));
      this.log.info('schema version deleted', { subject, version: entry.version, permanent });
      return entry.version;
    });
  }

  async deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    return this.exclusive(async () => {
      this.assertWritable(subject);
      const all = this.state.versionsOf(subject, true);
      if (all.length === 0) throw RegistryErrors.subjectNotFound(subject);
      const live = all.filter((v) => !v.deleted);

      if (permanent) {
        if (live.length > 0) throw RegistryErrors.subjectNotSoftDeleted(subject);
        await this.append([...this.hardDeletion(all), ...this.subjectSettingsRemoval(subject)]);
      } else {
        if (live.length === 0) throw RegistryErrors.subjectSoftDeleted(subject);
        await this.append(this.softDeletion(live));
      }
      this.log.info('subject deleted', { subject, permanent });
      return (permanent ? all : live).map((v) => v.version);
    });
  }

  // Compatibility

  /** Tests a schema against one version, or against every live version when spec is absent. */
  testCompatibility(
    subject: string,
    spec: VersionSpec | undefined,
    request: SchemaRequest,
    verbose: boolean,
  ): CompatibilityReport {
    identifyAvroSchema(request.schema);
    const live = this.state.versionsOf(subject, false);
    if (live.length === 0) throw RegistryErrors.subjectNotFound(subject);
    const against = spec === undefined ? live : [this.findVersion(subject, spec, false)];

    const verdict = checkAvroCompatibility(
      request.schema,
      against.map((v) => v.schema),
      this.state.effectiveCompatibility(subject),
    );
    return verbose
      ? { is_compatible: verdict.compatible, messages: verdict.messages }
      : { is_compatible: verdict.compatible };
  }

  // Config

  globalCompatibility(): CompatibilityLevel {
    return this.state.globalCompatibilityLevel();
  }

  subjectCompatibility(subject: string, defaultToGlobal: boolean): CompatibilityLevel {
    const level = this.state.subjectCompatibilityLevel(subject);
    if (level) return level;
    if (defaultToGlobal) return this.state.globalCompatibilityLevel();
    throw RegistryErrors.subjectCompatibilityNotConfigured(subject);
  }

  async setCompatibility(subject: string | null, level: CompatibilityLevel): Promise<void> {
    await this.exclusive(() =>
      this.append([{ key: configKey(subject), value: { compatibilityLevel: level } }]),
    );
    this.log.info('compatibility level set', { subject, compatibility: level });
  }

  /** Removes a subject's (or the global) level, answering the level that was in force. */
  async deleteCompatibility(subject: string | null): Promise<CompatibilityLevel> {
    return this.exclusive(async () => {
      const previous =
        subject === null
          ? this.state.globalCompatibilityLevel()
          : this.state.effectiveCompatibility(subject);
      if (subject !== null)
        this.assertSubjectKnown(subject, this.state.subjectCompatibilityLevel(subject));
      await this.append([{ key: configKey(subject), value: null }]);
      this.log.info('compatibility level removed', { subject });
      return previous;
    });
  }

  // Mode

  globalMode(): RegistryMode {
    return this.state.globalModeValue();
  }

  subjectMode(subject: string, defaultToGlobal: boolean): RegistryMode {
    const mode = this.state.subjectMode(subject);
    if (mode) return mode;
    if (defaultToGlobal) return this.state.globalModeValue();
    throw RegistryErrors.subjectModeNotConfigured(subject);
  }

  async setMode(subject: string | null, mode: RegistryMode, force: boolean): Promise<void> {
    await this.exclusive(async () => {
      if (mode === 'IMPORT' && !force) this.assertNothingToOverwrite(subject);
      await this.append([{ key: modeKey(subject), value: { mode } }]);
    });
    this.log.info('mode set', { subject, mode });
  }

  async deleteMode(subject: string | null): Promise<RegistryMode> {
    return this.exclusive(async () => {
      const previous =
        subject === null ? this.state.globalModeValue() : this.state.effectiveMode(subject);
      if (subject !== null) this.assertSubjectKnown(subject, this.state.subjectMode(subject));
      await this.append([{ key: modeKey(subject), value: null }]);
      this.log.info('mode removed', { subject });
      return previous;
    });
  }

  // Steps

  /** Runs writes one at a time: each decides on the state the previous one left. */
  private exclusive<T>(write: () => Promise<T>): Promise<T> {
    const result = this.writes.then(write);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private async append(records: RegistryRecord[]): Promise<void> {
    try {
      await this.store.append(records);
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      const reason = `Error while writing to the schema store: ${(err as Error).message}`;
      if (err instanceof SchemaStoreError && err.timedOut) {
        throw RegistryErrors.operationTimeout(reason, err);
      }
      throw RegistryErrors.storeError(reason, err);
    }
  }

  private assertWritable(subject: string): RegistryMode {
    const mode = this.state.effectiveMode(subject);
    if (mode === 'READONLY') {
      throw RegistryErrors.operationNotPermitted(`Subject '${subject}' is in read-only mode`);
    }
    return mode;
  }

  private assertCompatible(subject: string, schema: string, live: SubjectVersion[]): void {
    if (live.length === 0) return;
    const level = this.state.effectiveCompatibility(subject);
    const verdict = checkAvroCompatibility(
      schema,
      live.map((v) => v.schema),
      level,
    );
    if (!verdict.compatible) {
      throw RegistryErrors.incompatibleSchema(
        subject,
        verdict.messages,
        level,
        live.map((v) => v.version),
      );
    }
  }

  private assertNothingToOverwrite(subject: string | null): void {
    const hasSchemas =
      subject === null
        ? this.state.subjectNames(false).length > 0
        : this.state.versionsOf(subject, false).length > 0;
    if (hasSchemas) {
      throw RegistryErrors.operationNotPermitted(
        'Cannot import since found existing subjects; set force=true to switch to IMPORT anyway',
      );
    }
  }

  private assertSubjectKnown(subject: string, setting: unknown): void {
    if (setting === undefined && this.state.versionsOf(subject, true).length === 0) {
      throw RegistryErrors.subjectNotFound(subject);
    }
  }

  /** The id this schema already has anywhere, the importer's id, or a new one. */
  private chooseId(identity: string, requested: number | undefined): number {
    if (requested === undefined) return this.state.idForIdentity(identity) ?? this.state.nextId();
    const holder = this.state.schemaById(requested);
    if (holder && holder.identity !== identity) {
      throw RegistryErrors.operationNotPermitted(
        `Overwrite new schema with id ${requested} is not permitted: the id holds another schema`,
      );
    }
    return requested;
  }

  /** Versions continue after soft-deleted ones; a hard-deleted subject starts again at 1. */
  private chooseVersion(subject: string, requested: number | undefined): number {
    const all = this.state.versionsOf(subject, true);
    if (requested === undefined) return (all.at(-1)?.version ?? 0) + 1;
    if (this.state.version(subject, requested)) {
      throw RegistryErrors.operationNotPermitted(
        `Overwrite of version ${requested} of subject '${subject}' is not permitted`,
      );
    }
    return requested;
  }

  private findVersion(subject: string, spec: VersionSpec, includeDeleted: boolean): SubjectVersion {
    const versions = this.state.versionsOf(subject, includeDeleted);
    if (versions.length === 0) throw RegistryErrors.subjectNotFound(subject);
    const found = spec === 'latest' ? versions.at(-1) : versions.find((v) => v.version === spec);
    if (!found) throw RegistryErrors.versionNotFound(spec);
    return found;
  }

  private softDeletion(versions: SubjectVersion[]): RegistryRecord[] {
    return versions.map(({ subject, version, id, schema }) => ({
      key: schemaKey(subject, version),
      value: { subject, version, id, schema, deleted: true },
    }));
  }

  /** Tombstones, plus the id watermark so compaction can never make an id reusable. */
  private hardDeletion(versions: SubjectVersion[]): RegistryRecord[] {
    return [
      ...versions.map(({ subject, version }) => ({
        key: schemaKey(subject, version),
        value: null,
      })),
      { key: idWatermarkKey(), value: { maxId: this.state.highestId } },
    ];
  }

  private subjectSettingsRemoval(subject: string): RegistryRecord[] {
    const records: RegistryRecord[] = [];
    if (this.state.subjectCompatibilityLevel(subject)) {
      records.push({ key: configKey(subject), value: null });
    }
    if (this.state.subjectMode(subject)) records.push({ key: modeKey(subject), value: null });
    return records;
  }

  private viewOf(entry: SubjectVersion): SchemaVersionView {
    const schemaType = this.state.schemaById(entry.id)?.schemaType;
    return {
      subject: entry.subject,
      version: entry.version,
      id: entry.id,
      schema: entry.schema,
      ...(schemaType ? { schemaType } : {}),
    };
  }

  private identityOf(entry: SubjectVersion): string | undefined {
    return this.state.schemaById(entry.id)?.identity;
  }
}
