import { DvlaError } from './dvla.error';

/**
 * DVLA refused the request itself (400 and any other 4xx it does not document): the same
 * request would be refused again, so it is not retried. For a 400 DVLA judged the
 * registration's format invalid although it passed Joined-up's own check.
 */
export class DvlaRequestRejectedError extends DvlaError {
  readonly code = 'DVLA_REQUEST_REJECTED';
  readonly retriable = false;

  constructor(status: number, dvlaCode: string | null, correlationId: string) {
    super(
      `DVLA refused the vehicle enquiry with HTTP ${status}` +
        (dvlaCode ? ` (DVLA code ${dvlaCode})` : '') +
        `; correlation id ${correlationId}`,
      { status, dvlaCode: dvlaCode ?? undefined, correlationId },
    );
  }
}
