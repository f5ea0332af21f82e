import { DvlaError } from './dvla.error';

/**
 * An answer that is not the Vehicle Enquiry Service's: a 200 without a vehicle, a body that is
 * not JSON, or a 404 without DVLA's `errors` array (which a wrong base URL produces, and which
 * must not be mistaken for "vehicle not found"). Not retried: the same call gets the same.
 */
export class DvlaUnexpectedAnswerError extends DvlaError {
  readonly code = 'DVLA_UNEXPECTED_ANSWER';
  readonly retriable = false;

  constructor(baseUrl: string, status: number, problem: string, correlationId: string) {
    super(
      `the answer from ${baseUrl} (HTTP ${status}) is not a Vehicle Enquiry Service answer: ` +
        `${problem}; check JOINEDUP_DVLA_BASE_URL; correlation id ${correlationId}`,
      { status, correlationId },
    );
  }
}
