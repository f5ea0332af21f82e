import { AbandonedVehicleAssessed, AbandonedVehicleOutcome } from '@joinedup/contracts';
import { createLogger } from '@joinedup/logging';
import {
  bartecErrorsIn,
  bartecXmlParser,
  soapBodyOf,
  soapFaultOf,
  textOf,
  XmlObject,
} from '../bartec/bartec-response';
import { bartecSoapRequest, soapContentType } from '../bartec/bartec-soap-envelope';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { AssessmentReceipt, AssessmentWriter } from './assessment-writer.port';
import { RetryPolicy, RetryPolicyOptions } from './retry-policy';

export interface BartecSoapWriterOptions {
  /** The Collective service URL, e.g. https://collectiveapi.bartec-systems.com/API-R1531/CollectiveAPI.asmx. */
  endpoint: string;
  /** The session token from Bartec's Authenticate call, from the council's secret store. */
  token: string;
  /** Bartec ServiceTypeID of an abandoned vehicle assessment. */
  serviceTypeId: string;
  /** Bartec ServiceStatusID for each outcome. */
  statusIds: Record<AbandonedVehicleOutcome, string>;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicyOptions;
}

const OPERATION = 'ServiceRequests_Create';
const DEFAULT_TIMEOUT_MS = 10_000;

/** One attempt's failure, and whether another attempt may succeed. */
class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Writes an assessment to Bartec Collective as a `ServiceRequests_Create` SOAP 1.2 call: the
 * case reference as ExternalReference, the outcome as ServiceStatusID, and the outcome, reason,
 * reason codes, registration and event id as extendedData fields. 5xx answers, 429, timeouts
 * and network failures are retried with exponential backoff; a 4xx, a SOAP Fault of the
 * sender or an `Errors.Error` answer is not, since the same data would be refused again.
 */
export class BartecSoapAssessmentWriter implements AssessmentWriter {
  private readonly log = createLogger(BartecSoapAssessmentWriter.name);
  private readonly retry: RetryPolicy;
  private readonly parser = bartecXmlParser();

  constructor(private readonly options: BartecSoapWriterOptions) {
    this.retry = new RetryPolicy(options.retry);
  }

  async write(assessment: AbandonedVehicleAssessed): Promise<AssessmentReceipt> {
    const body = this.requestOf(assessment);
    const context = { caseReferenceKey: assessment.subjectKey, eventId: assessment.eventId };
    let last: AttemptFailure | undefined;
    for (let attempt = 1; attempt <= this.retry.attempts; attempt += 1) {
      if (attempt > 1) await this.retry.wait(attempt);
      try {
        const reference = await this.attempt(body);
        this.log.info('assessment written to Bartec', { ...context, attempts: attempt });
        return { reference, attempts: attempt, duplicate: false };
      } catch (err) {
        if (!(err instanceof AttemptFailure)) throw err;
        last = err;
        if (!err.retriable) throw this.rejected(err, attempt);
        this.log.warn('Bartec call failed; retrying', { ...context, attempt, status: err.status });
      }
    }
    throw new LegacyWasteError(
      'LEGACY_UNAVAILABLE',
      `Bartec did not take the assessment after ${this.retry.attempts} attempts: ${last!.message}`,
      { endpoint: this.options.endpoint, attempts: this.retry.attempts, status: last!.status },
      { cause: last },
    );
  }

  private requestOf(assessment: AbandonedVehicleAssessed): string {
    const { payload } = assessment;
    const field = (name: string, value: string | null) =>
      value === null ? null : { FieldName: name, FieldValue: value };
    const extended = [
      field('OUTCOME', payload.outcome),
      field('REASON', payload.reason),
      field('REASON_CODES', payload.reasonCodes.join(';')),
      field('REG', payload.registrationMark),
      field('REFERRED_TO', payload.referredTo),
      field('JOINEDUP_EVENT_ID', assessment.eventId),
    ].filter((entry) => entry !== null);
    return bartecSoapRequest(OPERATION, {
      token: this.options.token,
      ServiceTypeID: this.options.serviceTypeId,
      ServiceStatusID: this.options.statusIds[payload.outcome],
      DateRequested: assessment.occurredAt.toISOString(),
      ExternalReference: payload.caseReference,
      extendedData: { ServiceRequests_CreateServiceRequests_CreateFields: extended },
    });
  }

  private async attempt(body: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': soapContentType(OPERATION) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const reason = timedOut ? 'no answer in time' : `cannot reach it (${(err as Error).message})`;
      throw new AttemptFailure(reason, true, undefined, { cause: err });
    }
    const text = await response.text();
    return this.answerOf(response.status, text);
  }

  /** The ServiceCode Bartec gave, or the failure its answer describes. */
  private answerOf(status: number, text: string): string {
    const body = this.bodyOf(text);
    const errors = body === undefined ? [] : bartecErrorsIn(body);
    if (errors.length > 0) {
      const listed = errors.map((e) => `${e.message || '(no message)'} (Result ${e.result})`);
      throw new AttemptFailure(`Bartec answered with errors: ${listed.join('; ')}`, false, status);
    }
    const fault = body === undefined ? undefined : soapFaultOf(body);
    const retriableStatus = status >= 500 || status === 429 || status === 408;
    if (status >= 400 || fault !== undefined) {
      const reason = fault ?? `HTTP ${status}`;
      throw new AttemptFailure(`Bartec answered ${status}: ${reason}`, retriableStatus, status);
    }
    const result = body?.[`${OPERATION}Response`] as XmlObject | undefined;
    const code = textOf((result?.[`${OPERATION}Result`] as XmlObject | undefined)?.ServiceCode);
    if (code === undefined || code.length === 0) {
      throw new AttemptFailure('Bartec answered without a ServiceCode', false, status);
    }
    return code;
  }

  private bodyOf(text: string): XmlObject | undefined {
    try {
      return soapBodyOf(this.parser.parse(text) as XmlObject);
    } catch {
      return undefined;
    }
  }

  private rejected(failure: AttemptFailure, attempts: number): LegacyWasteError {
    return new LegacyWasteError(
      'LEGACY_REJECTED',
      `Bartec refused the assessment: ${failure.message}`,
      { endpoint: this.options.endpoint, attempts, status: failure.status },
      { cause: failure },
    );
  }
}
