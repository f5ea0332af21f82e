import { ErrorCode, SUPPORTED_VERSIONS, Writer } from '../protocol';
import { RequestContext } from './request-handler';

const HIGHEST = 3;

/**
 * ApiVersions v0-3. v3 is flexible in its body but, by the protocol's own exception, its
 * response header is always v0. A version above 3 gets a v0 body with UNSUPPORTED_VERSION and
 * the ranges, so the client can retry with a version we speak.
 */
export function handleApiVersions(ctx: RequestContext): Writer {
  const version = ctx.header.apiVersion;
  const w = new Writer();
  if (version > HIGHEST) {
    w.int16(ErrorCode.UNSUPPORTED_VERSION);
    w.array([...SUPPORTED_VERSIONS], (out, [key, range]) =>
      out.int16(key).int16(range.min).int16(range.max),
    );
    return w;
  }
  w.int16(ErrorCode.NONE);
  if (version >= 3) {
    w.compactArray([...SUPPORTED_VERSIONS], (out, [key, range]) =>
      out.int16(key).int16(range.min).int16(range.max).emptyTaggedFields(),
    );
    return w.int32(0).emptyTaggedFields();
  }
  w.array([...SUPPORTED_VERSIONS], (out, [key, range]) =>
    out.int16(key).int16(range.min).int16(range.max),
  );
  if (version >= 1) w.int32(0);
  return w;
}
