import { DvlaError } from './dvla.error';

/**
 * An enquiry outcome that has no event on the vehicle-enquiries topic: an invalid registration
 * cannot be keyed (the key is the registration's pseudonym). The caller decides the case
 * without DVLA. The message never quotes the registration.
 */
export class DvlaEventMappingError extends DvlaError {
  readonly code = 'DVLA_EVENT_NOT_MAPPABLE';
  readonly retriable = false;

  constructor(eventType: string, reason: string) {
    super(`cannot make a ${eventType} event: ${reason}`, { eventType });
  }
}
