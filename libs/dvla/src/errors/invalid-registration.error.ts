import { InvalidIdentifierError } from '@joinedup/contracts';
import { DvlaError } from './dvla.error';

/**
 * The registration is not a GB or Northern Ireland mark, so DVLA was not asked. The message
 * quotes the caller's value, as the contracts' validators do: return it to the caller that
 * sent the value, never log it, since a registration is personal data.
 */
export class InvalidRegistrationError extends DvlaError {
  readonly code = 'DVLA_INVALID_REGISTRATION';
  readonly retriable = false;

  constructor(cause: InvalidIdentifierError) {
    super(`${cause.message}; DVLA was not asked`, { field: cause.field }, { cause });
  }
}
