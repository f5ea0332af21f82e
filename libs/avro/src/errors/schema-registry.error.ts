import { AvroError } from './avro.error';

/**
 * Confluent Schema Registry error codes (`error_code` in an error body), from the Confluent
 * REST API reference. The registry also answers with plain HTTP statuses (404, 409, 422, 500).
 */
export const CONFLUENT_ERROR_CODES = Object.freeze({
  SUBJECT_NOT_FOUND: 40401,
  VERSION_NOT_FOUND: 40402,
  SCHEMA_NOT_FOUND: 40403,
  INCOMPATIBLE_SCHEMA: 409,
  INVALID_SCHEMA: 42201,
  INVALID_VERSION: 42202,
  INVALID_COMPATIBILITY_LEVEL: 42203,
  BACKEND_STORE_ERROR: 50001,
  OPERATION_TIMED_OUT: 50002,
  FORWARDING_ERROR: 50003,
});

export interface SchemaRegistryErrorContext {
  /** `GET /schemas/ids/7`: what was asked, never the credentials. */
  request: string;
  /** HTTP status; undefined when no answer came (network error, timeout). */
  status?: number;
  /** Confluent `error_code` from the body, when the registry sent one. */
  errorCode?: number;
  cause?: unknown;
}

/**
 * A failed call to the schema registry. Retriable when the registry could not be reached or
 * answered 5xx (or 429); not when it answered 4xx, which the same request would get again.
 */
export class SchemaRegistryError extends AvroError {
  readonly code = 'SCHEMA_REGISTRY_ERROR';
  readonly isRetriable: boolean;
  readonly request: string;
  readonly status: number | undefined;
  readonly errorCode: number | undefined;

  constructor(message: string, context: SchemaRegistryErrorContext) {
    super(`${context.request} failed: ${message}`, { cause: context.cause });
    this.request = context.request;
    this.status = context.status;
    this.errorCode = context.errorCode;
    this.isRetriable =
      context.status === undefined || context.status >= 500 || context.status === 429;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}
