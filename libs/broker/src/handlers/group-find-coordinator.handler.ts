import { ErrorCode, Writer } from '../protocol';
import { CoordinatorNode } from './group-wire';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

const KEY_TYPE_GROUP = 0;
const KEY_TYPE_TRANSACTION = 1;

/**
 * FindCoordinator v0-2. This single broker coordinates every group and every transactional
 * id, so both key types get this broker's address.
 */
export function handleFindCoordinator(node: CoordinatorNode, ctx: RequestContext): Writer {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  ctx.body.nullableString('key');
  const keyType = version >= 1 ? ctx.body.int8('key_type') : KEY_TYPE_GROUP;

  const w = new Writer();
  if (version >= 1) w.int32(0);
  if (keyType !== KEY_TYPE_GROUP && keyType !== KEY_TYPE_TRANSACTION) {
    w.int16(ErrorCode.INVALID_REQUEST);
    if (version >= 1) w.nullableString(`unknown coordinator key type ${keyType}`);
    return w.int32(-1).string('').int32(-1);
  }
  const { nodeId, host, port } = node();
  w.int16(ErrorCode.NONE);
  if (version >= 1) w.nullableString(null);
  return w.int32(nodeId).string(host).int32(port);
}
