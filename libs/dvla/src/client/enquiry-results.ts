import type { DvlaApiError, VehicleDetailsRetrievedPayload } from '@joinedup/contracts';
import type { DvlaError } from '../errors/dvla.error';
import type { InvalidRegistrationError } from '../errors/invalid-registration.error';
import type { AnswerDecision } from './dvla-answer.classifier';
import type { VehicleEnquiryFailure, VehicleFound, VehicleNotFound } from './vehicle-enquiry.types';

/** One enquiry's calls to DVLA: what is known so far. */
export interface Enquiry {
  registrationNumber: string;
  council: string;
  correlationId: string;
  /** The registration's keyed pseudonym: what the logs carry instead of it. */
  subjectKey: string;
  attempts: number;
  /** DVLA's last answer, kept for a failure that stops the enquiry before the next call. */
  lastStatus: number;
  lastErrors: DvlaApiError[];
}

export function foundResult(
  enquiry: Enquiry,
  vehicle: VehicleDetailsRetrievedPayload,
  answeredAt: Date,
): VehicleFound {
  return {
    outcome: 'found',
    registrationNumber: enquiry.registrationNumber,
    correlationId: enquiry.correlationId,
    attempts: enquiry.attempts,
    vehicle,
    answeredAt,
    fromCache: false,
  };
}

export function notFoundResult(
  enquiry: Enquiry,
  errors: DvlaApiError[],
  answeredAt: Date,
): VehicleNotFound {
  return {
    outcome: 'not-found',
    registrationNumber: enquiry.registrationNumber,
    correlationId: enquiry.correlationId,
    attempts: enquiry.attempts,
    httpStatus: 404,
    errors,
    answeredAt,
    fromCache: false,
  };
}

export function failureResult(
  enquiry: Enquiry,
  error: DvlaError,
  httpStatus: number,
  errors: DvlaApiError[],
  failedAt: Date,
): VehicleEnquiryFailure {
  return {
    outcome: 'failed',
    registrationNumber: enquiry.registrationNumber,
    correlationId: enquiry.correlationId,
    attempts: enquiry.attempts,
    httpStatus,
    retriable: error.retriable,
    errors,
    error,
    failedAt,
  };
}

/** DVLA was not asked: there is no normalised registration, so none is given back. */
export function invalidRegistrationResult(
  error: InvalidRegistrationError,
  correlationId: string,
  failedAt: Date,
): VehicleEnquiryFailure {
  return {
    outcome: 'failed',
    registrationNumber: null,
    correlationId,
    attempts: 0,
    httpStatus: 0,
    retriable: false,
    errors: [],
    error,
    failedAt,
  };
}

/** What a log line may say about an enquiry: ids, counts and statuses, never the registration. */
export function logContext(enquiry: Enquiry, decision?: AnswerDecision): Record<string, unknown> {
  return {
    council: enquiry.council,
    correlationId: enquiry.correlationId,
    subjectKey: enquiry.subjectKey,
    attempt: enquiry.attempts,
    outcome: decision?.kind,
    status: decision === undefined ? undefined : statusOf(decision),
    reason: decision?.kind === 'retry' ? decision.reason : undefined,
  };
}

function statusOf(decision: AnswerDecision): number {
  switch (decision.kind) {
    case 'found':
      return 200;
    case 'not-found':
      return 404;
    case 'retry':
    case 'fail':
      return decision.status;
  }
}
