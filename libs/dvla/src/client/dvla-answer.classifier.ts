import type { DvlaApiError } from '@joinedup/contracts';
import { DvlaApiKeyRefusedError } from '../errors/dvla-api-key-refused.error';
import { DvlaError } from '../errors/dvla.error';
import { DvlaRequestRejectedError } from '../errors/dvla-request-rejected.error';
import { DvlaUnexpectedAnswerError } from '../errors/dvla-unexpected-answer.error';
import { readErrorBody, isObject } from './dvla-error-body';
import { DvlaAnswer, DvlaNoAnswer } from './dvla-http.transport';

/** What one call to DVLA means for the enquiry, and for the circuit breaker. */
export type AnswerDecision =
  | { kind: 'found'; vehicle: Record<string, unknown> }
  | { kind: 'not-found'; errors: DvlaApiError[] }
  | {
      kind: 'retry';
      status: number;
      errors: DvlaApiError[];
      retryAfterMs?: number;
      /** A failure that counts towards opening the circuit (DVLA down, not DVLA busy). */
      countsAsOutage: boolean;
      reason?: string;
      cause?: unknown;
    }
  | { kind: 'fail'; status: number; errors: DvlaApiError[]; error: DvlaError };

export const API_KEY_ENV = 'JOINEDUP_DVLA_API_KEY';

const isServerError = (status: number): boolean => status >= 500 && status <= 599;
/** 429: DVLA is up but our key's quota is spent; Retry-After says for how long. */
const isThrottled = (status: number): boolean => status === 429;
const isRequestTimeout = (status: number): boolean => status === 408;
const isKeyRefused = (status: number): boolean => status === 401 || status === 403;
const isClientError = (status: number): boolean => status >= 400 && status <= 499;

/**
 * Decides from the status, and from the body's shape where a status alone is ambiguous, as
 * the Vehicle Enquiry API 1.1.0 documents its answers: 200 a vehicle, 400 refused, 404 not
 * found, 429 throttled, 500 and 503 failed. Never from the text of an error.
 */
export function classifyAnswer(
  answer: DvlaAnswer | DvlaNoAnswer,
  baseUrl: string,
  correlationId: string,
): AnswerDecision {
  if (answer.kind === 'no-answer') {
    return {
      kind: 'retry',
      status: 0,
      errors: [],
      countsAsOutage: true,
      reason: answer.reason,
      cause: answer.cause,
    };
  }
  const { status, body } = answer;
  if (status === 200) return found(body, baseUrl, correlationId);

  const { shape, errors } = readErrorBody(body, status);
  if (status === 404 && shape === 'dvla') return { kind: 'not-found', errors };
  if (isThrottled(status) || isServerError(status) || isRequestTimeout(status)) {
    return {
      kind: 'retry',
      status,
      errors,
      retryAfterMs: answer.retryAfterMs,
      countsAsOutage: !isThrottled(status),
    };
  }
  if (isKeyRefused(status)) {
    return fail(status, errors, new DvlaApiKeyRefusedError(status, API_KEY_ENV, correlationId));
  }
  if (status === 404) {
    const problem = 'a 404 without DVLA\'s "errors" array, as an unknown path gets';
    return fail(
      status,
      errors,
      new DvlaUnexpectedAnswerError(baseUrl, status, problem, correlationId),
    );
  }
  if (isClientError(status)) {
    const error = new DvlaRequestRejectedError(status, errors[0]?.code ?? null, correlationId);
    return fail(status, errors, error);
  }
  const problem = `HTTP ${status} is not an answer the service documents`;
  return fail(
    status,
    errors,
    new DvlaUnexpectedAnswerError(baseUrl, status, problem, correlationId),
  );
}

function found(body: unknown, baseUrl: string, correlationId: string): AnswerDecision {
  if (isObject(body) && typeof body.registrationNumber === 'string') {
    return { kind: 'found', vehicle: body };
  }
  const problem = 'a 200 whose body is not a JSON object with a registrationNumber';
  return fail(200, [], new DvlaUnexpectedAnswerError(baseUrl, 200, problem, correlationId));
}

function fail(status: number, errors: DvlaApiError[], error: DvlaError): AnswerDecision {
  return { kind: 'fail', status, errors, error };
}
