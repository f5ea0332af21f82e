import { UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PARAM_ARGS_METADATA } from '@nestjs/microservices/constants';
import type { JoinedUpEventType } from '@joinedup/contracts';
import { EventContext } from '../consumer/event-context';
import { EventOf } from '../events/event-types';
import { RetryPolicy } from '../retry/retry-policy';
import { HANDLER_OPTIONS_KEY, JOINEDUP_TRANSPORT } from './joinedup-transport';
import { PassThroughErrorsFilter } from './pass-through-errors.filter';

export interface HandlerOptions {
  /**
   * Run in a transaction that first records the event id as processed, so a redelivery
   * changes nothing twice. Default true; it needs the backbone's database (without one the
   * handler runs as it is and must tolerate redelivery itself).
   */
  idempotent?: boolean;
  /** This handler's retry policy, over the consumer's. */
  retry?: Partial<RetryPolicy>;
}

const PASS_THROUGH_ERRORS = new PassThroughErrorsFilter();

/**
 * Binds a method to one event type of the contracts catalogue. The method's first parameter
 * must accept that event's generated type, which the compiler checks; its second is the
 * EventContext. Built on Nest's @EventPattern, so guards, interceptors and pipes apply.
 *
 * ```ts
 * @HandleEvent('MissedCollectionReported')
 * async onMissed(event: EventOf<'MissedCollectionReported'>, ctx: EventContext) { ... }
 * ```
 */
export function HandleEvent<T extends JoinedUpEventType>(
  eventType: T,
  options: HandlerOptions = {},
) {
  return <M extends (event: EventOf<T>, context: EventContext) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    EventPattern(eventType, JOINEDUP_TRANSPORT, { [HANDLER_OPTIONS_KEY]: options })(
      target,
      key,
      descriptor,
    );
    UseFilters(PASS_THROUGH_ERRORS)(target, key, descriptor);
    bindDefaultParameters(target, key);
  };
}

/**
 * Nest passes a microservice handler only its payload unless parameters are decorated. The
 * event and its context are bound to the first two parameters here, unless the author
 * decorated them (with pipes, say), so a plain `(event, context)` method works.
 */
function bindDefaultParameters(target: object, key: string | symbol): void {
  const declared = (Reflect.getMetadata(PARAM_ARGS_METADATA, target.constructor, key) ??
    {}) as Record<string, { index: number }>;
  const taken = new Set(Object.values(declared).map((param) => param.index));
  if (!taken.has(0)) Payload()(target, key, 0);
  if (!taken.has(1)) Ctx()(target, key, 1);
}
