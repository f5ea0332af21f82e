import type { CompatibilityLevel } from '@joinedup/avro';
import type { RegistryMode } from '../state/registry-mode';

/**
 * The records of the `_schemas` topic, keyed by their `keytype` as Confluent's registry writes
 * them (io.confluent.kafka.schemaregistry.storage.SchemaRegistryKeyType). A null value is a
 * tombstone: for a SCHEMA key, the permanent deletion of that version.
 */
export type RegistryRecord =
  | { key: SchemaKey; value: SchemaValue | null }
  | { key: ConfigKey; value: ConfigValue | null }
  | { key: ModeKey; value: ModeValue | null }
  | { key: DeleteSubjectKey; value: DeleteSubjectValue | null }
  | { key: ClearSubjectKey; value: DeleteSubjectValue | null }
  | { key: IdWatermarkKey; value: IdWatermarkValue | null };

export type RegistryKey = RegistryRecord['key'];

export interface SchemaKey {
  keytype: 'SCHEMA';
  subject: string;
  version: number;
  magic: 1;
}

export interface SchemaValue {
  subject: string;
  version: number;
  id: number;
  schema: string;
  deleted: boolean;
  /** Absent for Avro, as Confluent writes it. */
  schemaType?: string;
}

/** Compatibility level; a null subject is the global setting. */
export interface ConfigKey {
  keytype: 'CONFIG';
  subject: string | null;
  magic: 0;
}

export interface ConfigValue {
  compatibilityLevel: CompatibilityLevel;
}

/** Registry mode; a null subject is the global setting. */
export interface ModeKey {
  keytype: 'MODE';
  subject: string | null;
  magic: 0;
}

export interface ModeValue {
  mode: RegistryMode;
}

/** Soft deletion of every version of a subject up to `version` (written by Confluent's registry). */
export interface DeleteSubjectKey {
  keytype: 'DELETE_SUBJECT';
  subject: string;
  magic: 0;
}

/** Permanent deletion of every version of a subject up to `version` (Confluent's registry). */
export interface ClearSubjectKey {
  keytype: 'CLEAR_SUBJECT';
  subject: string;
  magic: 0;
}

export interface DeleteSubjectValue {
  subject: string;
  version: number;
}

/**
 * The highest id ever assigned. Confluent's registry derives the next id from the SCHEMA records
 * it has read, so once compaction drops a permanently deleted schema's record its id could be
 * handed out again; this record, written with every permanent deletion, keeps ids unique.
 */
export interface IdWatermarkKey {
  keytype: 'ID_WATERMARK';
  magic: 0;
}

export interface IdWatermarkValue {
  maxId: number;
}

export function schemaKey(subject: string, version: number): SchemaKey {
  return { keytype: 'SCHEMA', subject, version, magic: 1 };
}

export function configKey(subject: string | null): ConfigKey {
  return { keytype: 'CONFIG', subject, magic: 0 };
}

export function modeKey(subject: string | null): ModeKey {
  return { keytype: 'MODE', subject, magic: 0 };
}

export function idWatermarkKey(): IdWatermarkKey {
  return { keytype: 'ID_WATERMARK', magic: 0 };
}
