import { ErrorCode, Writer } from '../protocol';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/**
 * InitProducerId v0-1 for idempotent producers. A transactional id is refused: transactions
 * are not served, and pretending otherwise would break their guarantees silently.
 */
export async function handleInitProducerId(
  broker: BrokerContext,
  ctx: RequestContext,
): Promise<Writer> {
  assertSupportedVersion(ctx);
  const transactionalId = ctx.body.nullableString('transactional_id');
  ctx.body.int32('transaction_timeout_ms');

  const w = new Writer();
  w.int32(0);
  if (transactionalId !== null) return w.int16(ErrorCode.INVALID_REQUEST).int64(-1).int16(-1);
  const producerId = await broker.producerIds.next();
  return w.int16(ErrorCode.NONE).int64(producerId).int16(0);
}
