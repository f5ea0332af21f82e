import { CompatibilityLevel, isCompatibilityLevel } from '@joinedup/avro';
import { RegistryErrors } from '../errors/registry.error';
import { isRegistryMode, RegistryMode } from '../state/registry-mode';
import { SchemaRequest, VersionSpec } from '../schema-registry.service';

const MAX_VERSION = 2 ** 31 - 1;

/** `latest`, `-1` (Confluent's alias for latest) or a version in [1, 2^31-1]; else 42202. */
export function parseVersion(text: string): VersionSpec {
  if (text === 'latest' || text === '-1') return 'latest';
  const version = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) {
    throw RegistryErrors.invalidVersion(text);
  }
  return version;
}

/** A global schema id; anything else names no schema (40403). */
export function parseSchemaId(text: string): number {
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw RegistryErrors.schemaNotFound();
  return id;
}

/** A subject name as the path gave it: non-empty, no control characters (42208). */
export function parseSubject(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || /[\u0000-\u001f\u007f]/.test(text)) {
    throw RegistryErrors.invalidSubject(text);
  }
  return text;
}

/** A boolean query flag such as `deleted=true`; absent or anything but `true` is false. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  return query.get(name)?.toLowerCase() === 'true';
}

/**
 * The body of a register, look-up or compatibility request: `{schema, schemaType?, references?}`
 * (plus `id` and `version` for IMPORT mode). Only Avro is served, and only without references.
 */
export function parseSchemaRequest(body: unknown): SchemaRequest {
  const fields = requireObject(body);
  assertAvro(fields.schemaType);
  assertNoReferences(fields.references);

  const schema = fields.schema;
  if (typeof schema !== 'string' || schema.trim() === '') {
    throw RegistryErrors.invalidSchema(
      `"schema" must be the schema's JSON text as a non-empty string, got ${describe(schema)}`,
    );
  }
  return {
    schema,
    ...optionalPositiveInteger(fields, 'id'),
    ...optionalPositiveInteger(fields, 'version'),
  };
}

/** `{"compatibility": "FULL"}` (any letter case); else 42203. */
export function parseCompatibilityUpdate(body: unknown): CompatibilityLevel {
  const value = requireObject(body).compatibility;
  const level = typeof value === 'string' ? value.toUpperCase() : value;
  if (!isCompatibilityLevel(level)) throw RegistryErrors.invalidCompatibilityLevel(value);
  return level;
}

/** `{"mode": "READONLY"}` (any letter case); else 42204. */
export function parseModeUpdate(body: unknown): RegistryMode {
  const value = requireObject(body).mode;
  const mode = typeof value === 'string' ? value.toUpperCase() : value;
  if (!isRegistryMode(mode)) throw RegistryErrors.invalidMode(value);
  return mode;
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw RegistryErrors.invalidRequest(
      `The request body must be a JSON object, got ${describe(body)}`,
    );
  }
  return body as Record<string, unknown>;
}

function assertAvro(schemaType: unknown): void {
  if (schemaType === undefined || schemaType === null || schemaType === 'AVRO') return;
  throw RegistryErrors.invalidSchema(
    `schema type ${typeof schemaType === 'string' ? schemaType : describe(schemaType)} is not supported; ` +
      'this registry serves AVRO only',
  );
}

function assertNoReferences(references: unknown): void {
  if (references === undefined || references === null) return;
  if (!Array.isArray(references)) {
    throw RegistryErrors.invalidRequest(
      `"references" must be an array, got ${describe(references)}`,
    );
  }
  if (references.length > 0) {
    throw RegistryErrors.invalidSchema(
      'schema references are not supported; inline the referenced types in the schema',
    );
  }
}

/** Confluent clients send -1 or 0 for "no id"; only a positive integer names one. */
function optionalPositiveInteger(fields: Record<string, unknown>, name: 'id' | 'version') {
  const value = fields[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw RegistryErrors.invalidRequest(`"${name}" must be an integer, got ${describe(value)}`);
  }
  return value > 0 ? { [name]: value } : {};
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
