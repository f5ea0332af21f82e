import { apiName, ApiKey, ProtocolError, SUPPORTED_VERSIONS } from '../protocol';
import { RequestContext } from './request-handler';

/**
 * Rejects a version outside the advertised range. Outside ApiVersions the protocol has no
 * way to answer such a request, so the connection is closed, as Kafka does.
 */
export function assertSupportedVersion(ctx: RequestContext, min?: number): void {
  const range = SUPPORTED_VERSIONS.get(ctx.header.apiKey as ApiKey);
  const version = ctx.header.apiVersion;
  const lowest = min ?? range?.min ?? 0;
  if (!range || version < lowest || version > range.max) {
    throw new ProtocolError(
      `${apiName(ctx.header.apiKey)} version ${version} is not supported (serves ${lowest}-${range?.max ?? '?'})`,
    );
  }
}
