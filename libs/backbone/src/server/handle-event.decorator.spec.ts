import {
  PARAM_ARGS_METADATA,
  PATTERN_EXTRAS_METADATA,
  PATTERN_METADATA,
  TRANSPORT_METADATA,
} from '@nestjs/microservices/constants';
import { Ctx, Payload } from '@nestjs/microservices';
import { EventContext } from '../consumer/event-context';
import { EventOf } from '../events/event-types';
import { HandleEvent } from './handle-event.decorator';
import { HANDLER_OPTIONS_KEY, JOINEDUP_TRANSPORT } from './joinedup-transport';

const KEEP_AS_IS = { transform: (value: unknown) => value };

class Handlers {
  @HandleEvent('MissedCollectionReported', { idempotent: false, retry: { maxAttempts: 2 } })
  onMissed(_event: EventOf<'MissedCollectionReported'>, _context: EventContext): void {}

  @HandleEvent('DeathNotified')
  onDeath(
    @Payload(KEEP_AS_IS) _event: EventOf<'DeathNotified'>,
    @Ctx() _context: EventContext,
  ): void {}

  // @ts-expect-error: a handler of one event type cannot take another's contract type.
  @HandleEvent('MissedCollectionReported')
  onWrongType(_event: EventOf<'DeathNotified'>): void {}
}

describe(HandleEvent.name, () => {
  const method = Handlers.prototype.onMissed;

  it("binds the method to the event type, on this transport only, with the handler's options", () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, method)).toEqual(['MissedCollectionReported']);
    expect(Reflect.getMetadata(TRANSPORT_METADATA, method)).toBe(JOINEDUP_TRANSPORT);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method)).toEqual({
      [HANDLER_OPTIONS_KEY]: { idempotent: false, retry: { maxAttempts: 2 } },
    });
  });

  it('passes the event and its context to an undecorated method', () => {
    const params = Reflect.getMetadata(PARAM_ARGS_METADATA, Handlers, 'onMissed');
    expect(
      Object.values(params)
        .map((p) => (p as { index: number }).index)
        .sort(),
    ).toEqual([0, 1]);
  });

  it("leaves the author's own parameter decorators, and their pipes, as they are", () => {
    const params = Object.values(
      Reflect.getMetadata(PARAM_ARGS_METADATA, Handlers, 'onDeath') as Record<
        string,
        { index: number; pipes: unknown[] }
      >,
    );
    expect(params).toHaveLength(2);
    expect(params.find((p) => p.index === 0)?.pipes).toEqual([KEEP_AS_IS]);
  });
});
