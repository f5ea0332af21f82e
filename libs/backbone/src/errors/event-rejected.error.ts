import { BackboneError } from './backbone.error';

/**
 * A handler's verdict that an event can never be processed (it breaks a business rule, it
 * refers to something that does not exist). Not retried: the event goes to the dead-letter
 * topic at once. The reason must not quote personal data: it is written to the dead letter.
 */
export class EventRejectedError extends BackboneError {
  readonly code = 'EVENT_REJECTED';
  readonly retriable = false;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, {}, options);
  }
}
