import { randomUUID } from 'node:crypto';
import {
  InvalidIdentifierError,
  type DvlaApiError,
  pseudonymise,
  validateGssCode,
  validateRegistrationMark,
} from '@joinedup/contracts';
import { createLogger } from '@joinedup/logging';
import { DvlaApiKeyRefusedError } from '../errors/dvla-api-key-refused.error';
import { DvlaError } from '../errors/dvla.error';
import { DvlaUnexpectedAnswerError } from '../errors/dvla-unexpected-answer.error';
import { DvlaUnavailableError } from '../errors/dvla-unavailable.error';
import { InvalidRegistrationError } from '../errors/invalid-registration.error';
import { toVehicleDetails } from '../mapping/vehicle-details.mapper';
import { AnswerCache } from '../resilience/answer-cache';
import { CircuitBreaker, CircuitState } from '../resilience/circuit-breaker';
import { CouncilRateLimiter } from '../resilience/council-rate-limiter';
import { backoffDelay } from './backoff';
import { AnswerDecision, classifyAnswer } from './dvla-answer.classifier';
import { DvlaHttpTransport } from './dvla-http.transport';
import {
  Enquiry,
  failureResult,
  foundResult,
  invalidRegistrationResult,
  logContext,
  notFoundResult,
} from './enquiry-results';
import {
  ResolvedClientOptions,
  VehicleEnquiryClientOptions,
  resolveClientOptions,
} from './vehicle-enquiry.options';
import {
  VehicleEnquiryFailure,
  VehicleEnquiryPort,
  VehicleEnquiryRequest,
  VehicleEnquiryResult,
  VehicleFound,
  VehicleNotFound,
} from './vehicle-enquiry.types';

type Answered = VehicleFound | VehicleNotFound;
type RetryDecision = Extract<AnswerDecision, { kind: 'retry' }>;

/**
 * DVLA's Vehicle Enquiry Service (`POST /vehicle-enquiry/v1/vehicles`), with what a council
 * needs around it: the registration normalised and validated before any call, recent answers
 * cached, each council held to its quota, calls retried with backoff that honours
 * Retry-After, and a circuit breaker while DVLA is down. Every outcome is a result, never a
 * thrown error; a failure carries a DvlaError with a stable code and `retriable`.
 * Registrations are never logged: log lines carry their keyed pseudonym (`subjectKey`), the
 * same value as the events' Kafka key.
 */
export class VehicleEnquiryClient implements VehicleEnquiryPort {
  private readonly log = createLogger(VehicleEnquiryClient.name);
  private readonly options: ResolvedClientOptions;
  private readonly transport: DvlaHttpTransport;
  private readonly breaker: CircuitBreaker;
  private readonly rateLimiter: CouncilRateLimiter;
  private readonly cache: AnswerCache<Answered>;
  private readonly inFlight = new Map<string, Promise<VehicleEnquiryResult>>();
  readonly #pseudonymKey: Buffer | string;

  constructor(options: VehicleEnquiryClientOptions) {
    this.options = resolveClientOptions(options);
    const { clock } = this.options;
    this.transport = new DvlaHttpTransport(
      this.options.baseUrl,
      options.apiKey,
      this.options.timeoutMs,
      () => clock.now(),
    );
    this.breaker = new CircuitBreaker(this.options.circuitBreaker, clock);
    this.rateLimiter = new CouncilRateLimiter(this.options.rateLimit, clock);
    this.cache = new AnswerCache(this.options.cache, clock);
    this.#pseudonymKey = options.pseudonymKey;
    // Fails now, rather than at the first enquiry, when the key is too short to be safe.
    pseudonymise('A1', this.#pseudonymKey);
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /**
   * Asks DVLA about one vehicle. Concurrent enquiries for the same registration share one
   * call (and the first caller's correlation id).
   */
  async enquire(request: VehicleEnquiryRequest): Promise<VehicleEnquiryResult> {
    const council = validateGssCode(request.council, 'council');
    const correlationId = request.correlationId ?? randomUUID();
    const registrationNumber = this.normalise(request.registrationNumber);
    if (registrationNumber instanceof InvalidRegistrationError) {
      this.log.debug('registration refused before calling DVLA', { council, correlationId });
      return invalidRegistrationResult(registrationNumber, correlationId, this.now());
    }

    const cached = this.cache.get(registrationNumber);
    if (cached !== undefined) return { ...cached, fromCache: true, attempts: 0, correlationId };

    const pending = this.inFlight.get(registrationNumber);
    if (pending !== undefined) return pending;
    const enquiry: Enquiry = {
      registrationNumber,
      council,
      correlationId,
      subjectKey: pseudonymise(registrationNumber, this.#pseudonymKey),
      attempts: 0,
      lastStatus: 0,
      lastErrors: [],
    };
    const call = this.callDvla(enquiry).finally(() => this.inFlight.delete(registrationNumber));
    this.inFlight.set(registrationNumber, call);
    return call;
  }

  /** Forgets every cached answer, e.g. after DVLA reports a data correction. */
  clearCache(): void {
    this.cache.clear();
  }

  private normalise(raw: string): string | InvalidRegistrationError {
    try {
      return validateRegistrationMark(raw, 'registrationNumber');
    } catch (err) {
      if (err instanceof InvalidIdentifierError) return new InvalidRegistrationError(err);
      throw err;
    }
  }

  private async callDvla(enquiry: Enquiry): Promise<VehicleEnquiryResult> {
    for (;;) {
      const refusal = await this.waitForTurn(enquiry);
      if (refusal !== undefined) {
        return this.failed(enquiry, refusal, enquiry.lastStatus, enquiry.lastErrors);
      }

      enquiry.attempts += 1;
      const answer = await this.transport.post(enquiry.registrationNumber, enquiry.correlationId);
      const decision = classifyAnswer(answer, this.options.baseUrl, enquiry.correlationId);
      this.recordForBreaker(decision);
      this.log.debug('DVLA called', logContext(enquiry, decision));

      switch (decision.kind) {
        case 'found': {
          const vehicle = toVehicleDetails(enquiry.registrationNumber, decision.vehicle);
          return this.remember(foundResult(enquiry, vehicle, this.now()));
        }
        case 'not-found':
          return this.remember(notFoundResult(enquiry, decision.errors, this.now()));
        case 'fail':
          return this.failed(enquiry, decision.error, decision.status, decision.errors);
        case 'retry': {
          enquiry.lastStatus = decision.status;
          enquiry.lastErrors = decision.errors;
          const giveUp = this.reasonToStop(enquiry, decision);
          if (giveUp !== undefined) {
            return this.failed(enquiry, giveUp, decision.status, decision.errors);
          }
          await this.pauseBeforeRetry(enquiry, decision);
        }
      }
    }
  }

  /** The circuit and the council's quota both let the call go, or say why not. */
  private async waitForTurn(enquiry: Enquiry): Promise<DvlaError | undefined> {
    try {
      // Checked before waiting for a rate slot, so an open circuit fails fast and spends none.
      this.breaker.check();
      await this.rateLimiter.acquire(enquiry.council, enquiry.correlationId);
      this.breaker.admit();
      return undefined;
    } catch (err) {
      if (err instanceof DvlaError) return err;
      throw err;
    }
  }

  private recordForBreaker(decision: AnswerDecision): void {
    if (decision.kind === 'retry' && decision.countsAsOutage) this.breaker.recordFailure();
    else this.breaker.recordAnswer();
  }

  /** Out of attempts, or asked to wait longer than allowed: a retriable failure now. */
  private reasonToStop(enquiry: Enquiry, decision: RetryDecision): DvlaError | undefined {
    const { maxAttempts, maxRetryAfterMs } = this.options.retry;
    const waitTooLong = (decision.retryAfterMs ?? 0) > maxRetryAfterMs;
    if (enquiry.attempts < maxAttempts && !waitTooLong) return undefined;
    return new DvlaUnavailableError(
      this.options.baseUrl,
      {
        status: decision.status,
        attempts: enquiry.attempts,
        correlationId: enquiry.correlationId,
        retryAfterMs: decision.retryAfterMs,
        reason: decision.reason,
      },
      { cause: decision.cause },
    );
  }

  private async pauseBeforeRetry(enquiry: Enquiry, decision: RetryDecision): Promise<void> {
    const backoffMs = backoffDelay(enquiry.attempts, this.options.retry, this.options.random);
    const delayMs = Math.max(backoffMs, decision.retryAfterMs ?? 0);
    this.log.warn('DVLA enquiry will be retried', {
      ...logContext(enquiry, decision),
      delayMs,
      retryAfterMs: decision.retryAfterMs,
    });
    await this.options.clock.sleep(delayMs);
  }

  private remember(result: Answered): Answered {
    this.cache.set(result.registrationNumber, result);
    return result;
  }

  private failed(
    enquiry: Enquiry,
    error: DvlaError,
    httpStatus: number,
    errors: DvlaApiError[],
  ): VehicleEnquiryFailure {
    const context = { ...logContext(enquiry), code: error.code, status: httpStatus };
    if (needsOperator(error)) this.log.error('DVLA enquiry failed; check the settings', context);
    else if (error.retriable) this.log.warn('DVLA enquiry failed; it may pass later', context);
    else this.log.warn('DVLA enquiry failed', context);
    return failureResult(enquiry, error, httpStatus, errors, this.now());
  }

  private now(): Date {
    return new Date(this.options.clock.now());
  }
}

/** A refused key or a foreign answer fails every enquiry until someone fixes the settings. */
function needsOperator(error: DvlaError): boolean {
  return error instanceof DvlaApiKeyRefusedError || error instanceof DvlaUnexpectedAnswerError;
}
