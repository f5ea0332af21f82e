import { isCompatibilityLevel } from '@joinedup/avro';
import { isRegistryMode } from '../state/registry-mode';
import { RegistryRecord } from './registry-record';

export interface EncodedRecord {
  key: string;
  value: string | null;
}

/** Serialises a record as Confluent's registry does: JSON key, JSON value or null. */
export function encodeRecord(record: RegistryRecord): EncodedRecord {
  return {
    key: JSON.stringify(record.key),
    value: record.value === null ? null : JSON.stringify(record.value),
  };
}

export class RecordDecodeError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RecordDecodeError';
  }
}

/**
 * Reads one record of the topic. Returns undefined for key types this registry does not use
 * (Confluent's NOOP, CONTEXT, ...), so a topic shared with a newer registry still loads; throws
 * RecordDecodeError for a record it should understand but cannot.
 */
export function decodeRecord(key: string, value: string | null): RegistryRecord | undefined {
  const parsedKey = parseObject(key, 'key');
  const parsedValue = value === null ? null : parseObject(value, 'value');

  switch (parsedKey.keytype) {
    case 'SCHEMA':
      return {
        key: {
          keytype: 'SCHEMA',
          subject: requireString(parsedKey, 'subject'),
          version: requireInteger(parsedKey, 'version'),
          magic: 1,
        },
        value: parsedValue === null ? null : schemaValue(parsedValue),
      };
    case 'CONFIG':
      return {
        key: { keytype: 'CONFIG', subject: optionalSubject(parsedKey), magic: 0 },
        value: parsedValue === null ? null : configValue(parsedValue),
      };
    case 'MODE':
      return {
        key: { keytype: 'MODE', subject: optionalSubject(parsedKey), magic: 0 },
        value: parsedValue === null ? null : modeValue(parsedValue),
      };
    case 'DELETE_SUBJECT':
      return {
        key: { keytype: 'DELETE_SUBJECT', subject: requireString(parsedKey, 'subject'), magic: 0 },
        value: parsedValue === null ? null : deleteSubjectValue(parsedValue),
      };
    case 'CLEAR_SUBJECT':
      return {
        key: { keytype: 'CLEAR_SUBJECT', subject: requireString(parsedKey, 'subject'), magic: 0 },
        value: parsedValue === null ? null : deleteSubjectValue(parsedValue),
      };
    case 'ID_WATERMARK':
      return {
        key: { keytype: 'ID_WATERMARK', magic: 0 },
        value: parsedValue === null ? null : { maxId: requireInteger(parsedValue, 'maxId') },
      };
    default:
      return undefined;
  }
}

function schemaValue(value: Record<string, unknown>) {
  const schemaType = value.schemaType;
  return {
    subject: requireString(value, 'subject'),
    version: requireInteger(value, 'version'),
    id: requireInteger(value, 'id'),
    schema: requireString(value, 'schema'),
    deleted: value.deleted === true,
    ...(typeof schemaType === 'string' && schemaType !== 'AVRO' ? { schemaType } : {}),
  };
}

function deleteSubjectValue(value: Record<string, unknown>) {
  return { subject: requireString(value, 'subject'), version: requireInteger(value, 'version') };
}

function configValue(value: Record<string, unknown>) {
  const level = value.compatibilityLevel;
  if (!isCompatibilityLevel(level)) {
    throw new RecordDecodeError(`unknown compatibilityLevel ${JSON.stringify(level)}`);
  }
  return { compatibilityLevel: level };
}

function modeValue(value: Record<string, unknown>) {
  const mode = value.mode;
  if (!isRegistryMode(mode)) throw new RecordDecodeError(`unknown mode ${JSON.stringify(mode)}`);
  return { mode };
}

function parseObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RecordDecodeError(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RecordDecodeError(`${what} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function requireString(object: Record<string, unknown>, field: string): string {
  const value = object[field];
  if (typeof value !== 'string') {
    throw new RecordDecodeError(`"${field}" is ${JSON.stringify(value)}, expected a string`);
  }
  return value;
}

function requireInteger(object: Record<string, unknown>, field: string): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RecordDecodeError(`"${field}" is ${JSON.stringify(value)}, expected an integer`);
  }
  return value;
}

function optionalSubject(key: Record<string, unknown>): string | null {
  return key.subject === null || key.subject === undefined ? null : requireString(key, 'subject');
}
