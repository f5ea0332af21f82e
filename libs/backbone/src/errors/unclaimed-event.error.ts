import { BackboneError } from './backbone.error';

/**
 * An event type on a subscribed topic that no handler of this consumer claims, under the
 * dead-letter policy for unclaimed events.
 */
export class UnclaimedEventError extends BackboneError {
  readonly code = 'UNCLAIMED_EVENT_TYPE';
  readonly retriable = false;

  constructor(eventType: string, groupId: string) {
    super(`no handler of consumer group '${groupId}' handles event type '${eventType}'`, {
      eventType,
      groupId,
    });
  }
}
