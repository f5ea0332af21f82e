import { Type } from 'avsc';
import { createLogger } from '@joinedup/logging';
import { AvroError } from '../errors/avro.error';
import { AvroSchemaError } from '../errors/avro-schema.error';
import { AvroValidationError } from '../errors/avro-validation.error';
import { SchemaRegistryError } from '../errors/schema-registry.error';
import { SchemaResolutionError } from '../errors/schema-resolution.error';
import { WireFormatError } from '../errors/wire-format.error';
import { readerCanRead } from '../compatibility/reader-can-read';
import { parseAvroSchema } from '../schema/parse-avro-schema';
import { AvroSchemaInput } from '../schema/schema-input';
import { LoadingCache } from './loading-cache';
import {
  SchemaRegistryClient,
  SchemaRegistryClientOptions,
  SubjectVersion,
} from './schema-registry-client';
import { compileDeclaredFieldsCheck, DeclaredFieldsCheck } from './declared-fields-check';
import { findValueProblems } from './value-problems';
import { WIRE_HEADER_SIZE, readSchemaId } from './wire-format';

export interface AvroSerdeOptions {
  /** A client, or the options to make one. */
  registry: SchemaRegistryClient | SchemaRegistryClientOptions;
  /** How long a subject's latest version is trusted before asking again. Default 60 s. */
  latestTtlMs?: number;
  /** How long a 4xx answer or an unreadable schema is remembered. Default 30 s. */
  failureTtlMs?: number;
  /** Versions to read each subject's events as, when `decode` is given only the subject. */
  readerVersions?: Readonly<Record<string, number>>;
  /** Refuse values with fields the schema does not declare (a typo would lose data). Default true. */
  rejectUndeclaredFields?: boolean;
  /** Clock for the caches; tests pass their own. */
  now?: () => number;
}

export interface EncodeOptions {
  /** The subject version to write with. Default `latest`. */
  version?: number | 'latest';
}

export interface DecodeOptions {
  /** Read the event as this schema, resolving from the schema it was written with. */
  readerSchema?: AvroSchemaInput | Type;
  /**
   * Read the event as a version of this subject: `version` if given, else the version pinned
   * in `readerVersions`, else the latest. Ignored when readerSchema is given.
   */
  subject?: string;
  version?: number | 'latest';
}

/** A registered schema, parsed, with the resolvers from it to each reader asked for. */
interface WriterSchema {
  id: number;
  type: Type;
  text: string;
  resolvers: Map<Type, ResolverOrFailure>;
  /** Compiled on first encode: a reader-only schema never needs it. */
  declaredFieldsCheck?: DeclaredFieldsCheck;
}

type Resolver = ReturnType<Type['createResolver']>;
type ResolverOrFailure = Resolver | SchemaResolutionError;

/** The one case the fast check refuses and avsc's does not: enumerable inherited keys. */
const INHERITED_FIELDS = {
  path: '(root)',
  expected: 'records whose fields are all their own properties',
  found: 'a record with enumerable inherited properties',
};

const DEFAULT_LATEST_TTL_MS = 60_000;
const DEFAULT_FAILURE_TTL_MS = 30_000;
/**
 * Messages are encoded straight into a slab and handed out as slices of it, as Node's own
 * Buffer pool does: one allocation per slab rather than two and a copy per message. A kept
 * message keeps its slab alive, so the slab is small.
 */
const SLAB_BYTES = 16 * 1024;

/**
 * Encodes values to, and decodes them from, the Confluent wire format, with schemas from a
 * Confluent-compatible registry. Schemas are cached by id for ever (an id never changes
 * meaning) and a subject's latest version for `latestTtlMs`. Once a schema is cached, encode
 * and decode do no I/O and allocate little beyond the result.
 */
export class AvroSerde {
  private readonly log = createLogger(AvroSerde.name);
  private readonly registry: SchemaRegistryClient;
  private readonly latestTtlMs: number;
  private readonly readerVersions: Readonly<Record<string, number>>;
  private readonly rejectUndeclaredFields: boolean;
  private readonly byId: LoadingCache<number, WriterSchema>;
  /** Subject to latest version, trusted for latestTtlMs. */
  private readonly latest: LoadingCache<string, WriterSchema>;
  /** Subject and version number to that version, for ever: a version never changes. */
  private readonly pinned: LoadingCache<string, WriterSchema>;
  private readonly readerTypesByText = new Map<string, Type>();
  private readonly readerTypesByObject = new WeakMap<object, Type>();
  private slab = Buffer.allocUnsafe(SLAB_BYTES);
  private slabOffset = 0;

  constructor(options: AvroSerdeOptions) {
    this.registry =
      options.registry instanceof SchemaRegistryClient
        ? options.registry
        : new SchemaRegistryClient(options.registry);
    this.latestTtlMs = options.latestTtlMs ?? DEFAULT_LATEST_TTL_MS;
    this.readerVersions = options.readerVersions ?? {};
    this.rejectUndeclaredFields = options.rejectUndeclaredFields ?? true;
    const cacheOptions = {
      failureTtlMs: options.failureTtlMs ?? DEFAULT_FAILURE_TTL_MS,
      now: options.now ?? Date.now,
    };
    this.byId = new LoadingCache(cacheOptions);
    this.latest = new LoadingCache(cacheOptions);
    this.pinned = new LoadingCache(cacheOptions);
  }

  /** Registers a schema under a subject (a no-op if it is there) and caches it by its id. */
  async register(subject: string, schema: AvroSchemaInput): Promise<number> {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const type = parseAvroSchema(text);
    const id = await this.registry.register(subject, text);
    if (this.byId.peek(id) === undefined) this.byId.set(id, writerSchema(id, type, text));
    return id;
  }

  /**
   * The value in wire format, written with a version of the subject's schema. Rejects with
   * AvroValidationError, naming every bad field, when the value does not match the schema.
   */
  encode(subject: string, value: unknown, options?: EncodeOptions): Promise<Buffer> {
    try {
      const version = options?.version ?? 'latest';
      const writer = this.peekSubjectVersion(subject, version);
      if (writer === undefined) {
        return this.subjectVersion(subject, version).then((loaded) =>
          this.encodeWith(subject, loaded, value),
        );
      }
      return Promise.resolve(this.encodeWith(subject, writer, value));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The value of a wire-format message. Without options it is read as the schema it was
   * written with; with a reader schema (or a subject version) it is resolved into that
   * schema by the Avro resolution rules: fields the reader added take their defaults, fields
   * it removed are skipped.
   */
  decode<T = unknown>(message: Buffer, options?: DecodeOptions): Promise<T> {
    try {
      const schemaId = readSchemaId(message);
      const writer = this.byId.peek(schemaId);
      const reader = options === undefined ? null : this.peekReaderType(options);
      if (writer === undefined || reader === undefined) {
        return this.decodeAfterLoading(schemaId, message, options);
      }
      return Promise.resolve(this.decodeWith(writer, message, reader) as T);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private async decodeAfterLoading<T>(
    schemaId: number,
    message: Buffer,
    options: DecodeOptions | undefined,
  ): Promise<T> {
    const [writer, reader] = await Promise.all([
      this.schemaById(schemaId),
      options === undefined ? null : this.readerType(options),
    ]);
    return this.decodeWith(writer, message, reader) as T;
  }

  private encodeWith(subject: string, writer: WriterSchema, value: unknown): Buffer {
    if (!writer.type.isValid(value) || !this.hasOnlyDeclaredFields(writer, value)) {
      const problems = findValueProblems(writer.type, value, this.rejectUndeclaredFields);
      throw new AvroValidationError(
        subject,
        writer.id,
        problems.length > 0 ? problems : [INHERITED_FIELDS],
      );
    }
    let start = this.slabOffset;
    let end = writer.type.encode(value, this.slab, start + WIRE_HEADER_SIZE);
    if (end < 0) {
      const length = this.slab.length - end - start;
      this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, length));
      start = 0;
      end = writer.type.encode(value, this.slab, WIRE_HEADER_SIZE);
    }
    this.slab[start] = 0;
    this.slab.writeUInt32BE(writer.id, start + 1);
    this.slabOffset = end;
    return this.slab.subarray(start, end);
  }

  private hasOnlyDeclaredFields(writer: WriterSchema, value: unknown): boolean {
    if (!this.rejectUndeclaredFields) return true;
    writer.declaredFieldsCheck ??= compileDeclaredFieldsCheck(writer.type);
    return writer.declaredFieldsCheck(value);
  }

  private decodeWith(writer: WriterSchema, message: Buffer, reader: Type | null): unknown {
    const type = reader ?? writer.type;
    const resolver = reader === null ? undefined : this.resolver(writer, reader);
    let decoded: { value: unknown; offset: number };
    try {
      decoded = type.decode(message, WIRE_HEADER_SIZE, resolver);
    } catch (err) {
      throw new WireFormatError(
        `the Avro body of a ${message.length}-byte message with schema id ${writer.id} ` +
          `cannot be read: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (decoded.offset === -1) {
      throw new WireFormatError(
        `the Avro body of a ${message.length}-byte message with schema id ${writer.id} is ` +
          'truncated: the schema expects more bytes',
      );
    }
    if (decoded.offset !== message.length) {
      throw new WireFormatError(
        `${message.length - decoded.offset} bytes are left after the Avro body of a ` +
          `${message.length}-byte message with schema id ${writer.id}`,
      );
    }
    return decoded.value;
  }

  private resolver(writer: WriterSchema, reader: Type): Resolver | undefined {
    if (reader === writer.type) return undefined;
    let resolver = writer.resolvers.get(reader);
    if (resolver === undefined) {
      resolver = createResolver(writer, reader);
      writer.resolvers.set(reader, resolver);
    }
    if (resolver instanceof SchemaResolutionError) throw resolver;
    return resolver;
  }

  private schemaById(id: number): Promise<WriterSchema> {
    return this.byId.get(id, () => this.fetchById(id));
  }

  private subjectVersion(subject: string, version: number | 'latest'): Promise<WriterSchema> {
    const load = () => this.fetchSubjectVersion(subject, version);
    if (version === 'latest') return this.latest.get(subject, load, this.latestTtlMs);
    return this.pinned.get(subjectVersionKey(subject, version), load);
  }

  private peekSubjectVersion(
    subject: string,
    version: number | 'latest',
  ): WriterSchema | undefined {
    if (version === 'latest') return this.latest.peek(subject);
    return this.pinned.peek(subjectVersionKey(subject, version));
  }

  private async fetchById(id: number): Promise<WriterSchema> {
    try {
      const { schema, schemaType } = await this.registry.getSchemaById(id);
      if (schemaType !== 'AVRO') {
        throw new AvroSchemaError(
          `schema id ${id} is a ${schemaType} schema; AvroSerde reads Avro only`,
        );
      }
      return writerSchema(id, parseRegistered(schema, `schema id ${id}`), schema);
    } catch (err) {
      this.logFailure('Fetching a schema by id failed', err, { schemaId: id });
      throw err;
    }
  }

  private async fetchSubjectVersion(
    subject: string,
    version: number | 'latest',
  ): Promise<WriterSchema> {
    try {
      const found: SubjectVersion = await this.registry.getVersion(subject, version);
      if (found.schemaType !== 'AVRO') {
        throw new AvroSchemaError(
          `subject '${subject}' version ${found.version} is a ${found.schemaType} schema; AvroSerde writes Avro only`,
        );
      }
      const known = this.byId.peek(found.id);
      if (known !== undefined) return known;
      const label = `subject '${subject}' version ${found.version} (schema id ${found.id})`;
      const writer = writerSchema(found.id, parseRegistered(found.schema, label), found.schema);
      this.byId.set(found.id, writer);
      return writer;
    } catch (err) {
      this.logFailure('Fetching a subject version failed', err, { subject, version });
      throw err;
    }
  }

  /** The reader type if it needs no I/O; null for none; undefined if it must be loaded. */
  private peekReaderType(options: DecodeOptions): Type | null | undefined {
    if (options.readerSchema !== undefined) return this.parsedReader(options.readerSchema);
    if (options.subject === undefined) return null;
    const version = this.readerVersionOf(options.subject, options.version);
    return this.peekSubjectVersion(options.subject, version)?.type;
  }

  private async readerType(options: DecodeOptions): Promise<Type | null> {
    if (options.readerSchema !== undefined) return this.parsedReader(options.readerSchema);
    if (options.subject === undefined) return null;
    const version = this.readerVersionOf(options.subject, options.version);
    return (await this.subjectVersion(options.subject, version)).type;
  }

  private readerVersionOf(
    subject: string,
    version: number | 'latest' | undefined,
  ): number | 'latest' {
    return version ?? this.readerVersions[subject] ?? 'latest';
  }

  private parsedReader(schema: AvroSchemaInput | Type): Type {
    if (Type.isType(schema)) return schema as Type;
    if (typeof schema === 'string') {
      let type = this.readerTypesByText.get(schema);
      if (type === undefined) {
        type = parseAvroSchema(schema);
        this.readerTypesByText.set(schema, type);
      }
      return type;
    }
    let type = this.readerTypesByObject.get(schema);
    if (type === undefined) {
      type = parseAvroSchema(schema);
      this.readerTypesByObject.set(schema, type);
    }
    return type;
  }

  private logFailure(message: string, err: unknown, context: Record<string, unknown>): void {
    this.log.warn(message, {
      ...context,
      error: err,
      code: err instanceof AvroError ? err.code : undefined,
      retriable: err instanceof AvroError ? err.isRetriable : undefined,
      ...(err instanceof SchemaRegistryError
        ? { status: err.status, errorCode: err.errorCode }
        : {}),
    });
  }
}

function writerSchema(id: number, type: Type, text: string): WriterSchema {
  return { id, type, text, resolvers: new Map() };
}

function subjectVersionKey(subject: string, version: number): string {
  return `${subject}\u0000${version}`;
}

function parseRegistered(schema: string, label: string): Type {
  try {
    return parseAvroSchema(schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AvroSchemaError(`the registry's ${label} cannot be parsed: ${reason}`, {
      cause: err,
    });
  }
}

/**
 * avsc's resolver, or the reasons there is none in the words of the compatibility checker,
 * which names the fields; avsc's own message ("cannot read ... as ...") quotes whole schemas.
 */
function createResolver(writer: WriterSchema, reader: Type): ResolverOrFailure {
  try {
    return reader.createResolver(writer.type);
  } catch (err) {
    const readerSchema = reader.schema({ exportAttrs: true }) as object;
    let reasons: string[];
    try {
      reasons = readerCanRead(readerSchema, writer.text).map((problem) => problem.message);
    } catch {
      reasons = [];
    }
    if (reasons.length === 0) reasons = [(err as Error).message];
    return new SchemaResolutionError(writer.id, reasons, { cause: err });
  }
}
