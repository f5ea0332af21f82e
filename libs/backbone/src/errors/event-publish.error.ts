import { BackboneError } from './backbone.error';

/**
 * An event that cannot be published as given: an event type the catalogue does not know, no
 * subject key and no pseudonymisation key to derive one, or publishing outside what the
 * configuration allows. The message names the event type and what to fix.
 */
export class EventPublishError extends BackboneError {
  readonly code = 'EVENT_NOT_PUBLISHABLE';
  readonly retriable = false;

  constructor(eventType: string, problem: string) {
    super(`cannot publish ${JSON.stringify(eventType)}: ${problem}`, { eventType });
  }
}
