import { SchemaRegistryError } from '../errors/schema-registry.error';

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

export interface SchemaRegistryClientOptions {
  /** Base URL of the registry, such as `http://127.0.0.1:8081`. */
  url: string;
  /** Sent as an `Authorization: Basic` header on every request. */
  basicAuth?: { username: string; password: string };
  /** Abandon a request after this long; the error is retriable. Default 10 s. */
  requestTimeoutMs?: number;
}

/** A schema as registered under a subject. */
export interface SubjectVersion {
  subject: string;
  id: number;
  version: number;
  schema: string;
  schemaType: SchemaType;
}

export interface SchemaById {
  schema: string;
  schemaType: SchemaType;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A client for the Confluent Schema Registry REST API: only the calls a serde needs. It uses
 * Node's global fetch, whose agent keeps connections alive. It caches nothing: AvroSerde
 * caches what it fetches.
 */
export class SchemaRegistryClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(options: SchemaRegistryClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.headers = { Accept: CONTENT_TYPE, 'Content-Type': CONTENT_TYPE };
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      const token = Buffer.from(`${username}:${password}`).toString('base64');
      this.headers.Authorization = `Basic ${token}`;
    }
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Registers a schema under a subject (or finds it already there) and returns its id. */
  async register(
    subject: string,
    schema: string | object,
    schemaType?: SchemaType,
  ): Promise<number> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions`;
    const body = await this.request('POST', path, {
      schema: schemaText(schema),
      ...(schemaType ? { schemaType } : {}),
    });
    return readId(body, `POST ${path}`);
  }

  /** The subject version holding this schema; a 404 error when the subject does not hold it. */
  async lookup(
    subject: string,
    schema: string | object,
    schemaType?: SchemaType,
  ): Promise<SubjectVersion> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    const body = await this.request('POST', path, {
      schema: schemaText(schema),
      ...(schemaType ? { schemaType } : {}),
    });
    return readSubjectVersion(body, `POST ${path}`);
  }

  async getSchemaById(id: number): Promise<SchemaById> {
    const path = `/schemas/ids/${id}`;
    const body = await this.request('GET', path);
    const { schema, schemaType } = body as { schema?: unknown; schemaType?: unknown };
    if (typeof schema !== 'string') throw unexpectedAnswer(`GET ${path}`, body);
    return { schema, schemaType: readSchemaType(schemaType) };
  }

  async getVersion(subject: string, version: number | 'latest'): Promise<SubjectVersion> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const body = await this.request('GET', path);
    return readSubjectVersion(body, `GET ${path}`);
  }

  /** Sets a subject's compatibility level (`PUT /config/{subject}`). */
  async setCompatibility(subject: string, level: string): Promise<void> {
    await this.request('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
  }

  private async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: object,
  ): Promise<unknown> {
    const request = `${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: this.headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new SchemaRegistryError(
        `no answer from ${this.baseUrl}: ${describeNetworkError(err)}`,
        {
          request,
          cause: err,
        },
      );
    }
    const text = await readText(response, request);
    const json = parseJson(text);
    if (!response.ok) throw errorFromAnswer(request, response.status, json, text);
    if (json === undefined) throw unexpectedAnswer(request, text);
    return json;
  }
}

function schemaText(schema: string | object): string {
  return typeof schema === 'string' ? schema : JSON.stringify(schema);
}

async function readText(response: Response, request: string): Promise<string> {
  try {
    return await response.text();
  } catch (err) {
    throw new SchemaRegistryError(`answer cut off: ${describeNetworkError(err)}`, {
      request,
      status: response.status >= 500 ? response.status : undefined,
      cause: err,
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorFromAnswer(
  request: string,
  status: number,
  json: unknown,
  text: string,
): SchemaRegistryError {
  const { error_code: errorCode, message } = (json ?? {}) as {
    error_code?: unknown;
    message?: unknown;
  };
  const detail = typeof message === 'string' ? message : text.slice(0, 200) || '(empty body)';
  return new SchemaRegistryError(
    `HTTP ${status}${typeof errorCode === 'number' ? `, error_code ${errorCode}` : ''}: ${detail}`,
    { request, status, errorCode: typeof errorCode === 'number' ? errorCode : undefined },
  );
}

function unexpectedAnswer(request: string, body: unknown): SchemaRegistryError {
  const shown = (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 200);
  return new SchemaRegistryError(`unexpected answer from the registry: ${shown}`, {
    request,
    status: 502,
  });
}

function readId(body: unknown, request: string): number {
  const id = (body as { id?: unknown }).id;
  if (!Number.isInteger(id)) throw unexpectedAnswer(request, body);
  return id as number;
}

function readSubjectVersion(body: unknown, request: string): SubjectVersion {
  const { subject, id, version, schema, schemaType } = body as Record<string, unknown>;
  const isWellFormed =
    typeof subject === 'string' &&
    Number.isInteger(id) &&
    Number.isInteger(version) &&
    typeof schema === 'string';
  if (!isWellFormed) throw unexpectedAnswer(request, body);
  return {
    subject,
    id: id as number,
    version: version as number,
    schema,
    schemaType: readSchemaType(schemaType),
  };
}

/** Confluent leaves schemaType out for Avro, the default. */
function readSchemaType(value: unknown): SchemaType {
  return value === 'JSON' || value === 'PROTOBUF' ? value : 'AVRO';
}

/** Duck-typed: fetch's DOMException and errors from another realm are not `instanceof Error`. */
function describeNetworkError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { name, message, cause } = err as { name?: unknown; message?: unknown; cause?: unknown };
  if (name === 'TimeoutError') return 'timed out';
  const causeMessage = (cause as { message?: unknown } | undefined)?.message;
  return typeof causeMessage === 'string'
    ? `${String(message)} (${causeMessage})`
    : String(message);
}
