/**
 * The one error class of the registry. `errorCode` is Confluent's stable code (40401, 42201...)
 * that clients branch on; `status` is the HTTP status it is sent with. The body a client sees is
 * exactly `{ error_code, message }`, as Confluent's registry sends it.
 */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }

  /** Errors of the registry itself (store failures, time-outs) rather than of the request. */
  get isServerError(): boolean {
    return this.status >= 500;
  }

  toBody(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

/** Confluent's codes and messages (io.confluent.kafka.schemaregistry.rest.exceptions.Errors). */
export const RegistryErrors = {
  subjectNotFound: (subject: string) =>
    new RegistryError(404, 40401, `Subject '${subject}' not found.`),

  versionNotFound: (version: number | string) =>
    new RegistryError(404, 40402, `Version ${version} not found.`),

  schemaNotFound: (id?: number) =>
    new RegistryError(404, 40403, id === undefined ? 'Schema not found' : `Schema ${id} not found`),

  subjectSoftDeleted: (subject: string) =>
    new RegistryError(
      404,
      40404,
      `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`,
    ),

  subjectNotSoftDeleted: (subject: string) =>
    new RegistryError(
      404,
      40405,
      `Subject '${subject}' was not deleted first before being permanently deleted`,
    ),

  versionSoftDeleted: (subject: string, version: number) =>
    new RegistryError(
      404,
      40406,
      `Subject '${subject}' Version ${version} was soft deleted. ` +
        'Set permanent=true to delete permanently',
    ),

  versionNotSoftDeleted: (subject: string, version: number) =>
    new RegistryError(
      404,
      40407,
      `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
    ),

  subjectCompatibilityNotConfigured: (subject: string) =>
    new RegistryError(
      404,
      40408,
      `Subject '${subject}' does not have subject-level compatibility configured`,
    ),

  subjectModeNotConfigured: (subject: string) =>
    new RegistryError(
      404,
      40409,
      `Subject '${subject}' does not have subject-level mode configured`,
    ),

  /** `details` number the previous schemas oldest first; `versions` says which they are. */
  incompatibleSchema: (
    subject: string,
    details: readonly string[],
    level: string,
    versions: readonly number[],
  ) =>
    new RegistryError(
      409,
      409,
      `Schema being registered is incompatible with an earlier schema for subject "${subject}", ` +
        `details: [${details.join('; ')}] (compatibility ${level}; the previous schemas are ` +
        `versions ${versions.join(', ')}, oldest first)`,
    ),

  invalidSchema: (reason: string) => new RegistryError(422, 42201, `Invalid schema: ${reason}`),

  invalidVersion: (version: string) =>
    new RegistryError(
      422,
      42202,
      `The specified version '${version}' is not a valid version id. ` +
        'Allowed values are between [1, 2^31-1] and the string "latest"',
    ),

  invalidCompatibilityLevel: (value: unknown) =>
    new RegistryError(
      422,
      42203,
      `Invalid compatibility level ${JSON.stringify(value)}. Valid values are none, backward, ` +
        'forward, full, backward_transitive, forward_transitive, and full_transitive',
    ),

  invalidMode: (value: unknown) =>
    new RegistryError(
      422,
      42204,
      `Invalid mode ${JSON.stringify(value)}. Valid values are READWRITE, READONLY, and IMPORT.`,
    ),

  operationNotPermitted: (message: string) => new RegistryError(422, 42205, message),

  invalidSubject: (subject: string) =>
    new RegistryError(422, 42208, `The specified subject ${JSON.stringify(subject)} is not valid.`),

  invalidJson: (reason: string) =>
    new RegistryError(422, 422, `The request body is not valid JSON: ${reason}`),

  invalidRequest: (reason: string) => new RegistryError(422, 422, reason),

  storeError: (message: string, cause?: unknown) =>
    new RegistryError(500, 50001, message, { cause }),

  operationTimeout: (message: string, cause?: unknown) =>
    new RegistryError(500, 50002, message, { cause }),

  notFound: () => new RegistryError(404, 404, 'HTTP 404 Not Found'),

  methodNotAllowed: () => new RegistryError(405, 405, 'HTTP 405 Method Not Allowed'),

  payloadTooLarge: (limit: number) =>
    new RegistryError(413, 413, `Request body is larger than the limit of ${limit} bytes`),

  unsupportedMediaType: (contentType: string) =>
    new RegistryError(
      415,
      415,
      `Unsupported content type ${JSON.stringify(contentType)}: send ` +
        'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, ' +
        'application/json or application/octet-stream',
    ),
} as const;
