import { ApiKey } from './api-key';
import { Reader } from './reader';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/**
 * Request header v1 (and v2 for ApiVersions v3, the only flexible request served: v2 adds a
 * tagged-field section after a client id that keeps its classic int16 length).
 */
export function readRequestHeader(reader: Reader): RequestHeader {
  const apiKey = reader.int16('api key');
  const apiVersion = reader.int16('api version');
  const correlationId = reader.int32('correlation id');
  const clientId = reader.nullableString('client id');
  // The ApiVersions body is never read, so a missing tagged-field section (a client guessing at
  // a version we do not know) must not close the connection before we can answer error 35.
  if (apiKey === ApiKey.ApiVersions && apiVersion >= 3 && reader.remaining > 0) {
    reader.skipTaggedFields();
  }
  return { apiKey, apiVersion, correlationId, clientId };
}
