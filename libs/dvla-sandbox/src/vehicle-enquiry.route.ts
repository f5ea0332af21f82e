import { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { TokenBucket } from '@joinedup/dvla';
import { ApiKeyCheck } from './api-key-check';
import { StatusType, TEST_REGISTRATIONS, errorBody } from './dvla-error-answers';
import { BodyTooLargeError, headerValue, parseJson, readBody, sendJson } from './http-io';
import { SandboxFaults } from './sandbox-faults';
import { SandboxRequestLog } from './sandbox-request-log';
import { SandboxVehicle, resolveVehicle } from './sandbox-vehicles';

export interface EnquiryRouteSettings {
  vehicles: ReadonlyMap<string, SandboxVehicle>;
  keys: ApiKeyCheck;
  /** Per API key; undefined for no limit. */
  rateLimit?: { requestsPerSecond: number; burst: number };
  retryAfterSeconds: number;
  statusAs: StatusType;
  today: () => Date;
  now: () => number;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** DVLA accepts at most 7 letters and digits once spaces are gone. */
const REGISTRATION = /^[A-Z0-9]{1,7}$/;

/**
 * `POST /vehicle-enquiry/v1/vehicles` as DVLA answers it, in DVLA's order: the API key first
 * (401 missing, 403 wrong), then the key's rate, then the body and registration (400), then
 * the test registrations, then the fixture vehicles (200) or 404.
 */
export class VehicleEnquiryRoute {
  private readonly buckets = new Map<string, TokenBucket>();
  latencyMs = 0;

  constructor(
    private readonly settings: EnquiryRouteSettings,
    private readonly faults: SandboxFaults,
    private readonly log: SandboxRequestLog,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = this.settings.now();
    const correlationId = headerValue(req, 'x-correlation-id') ?? null;
    let registrationNumber: string | null = null;
    let fields: string[] = [];
    let answer: Answer;
    try {
      const body = parseJson(await readBody(req));
      registrationNumber = registrationOf(body);
      fields = isObject(body) ? Object.keys(body) : [];
      answer = this.answer(headerValue(req, 'x-api-key'), registrationNumber);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      answer = this.error(400);
    }
    if (this.latencyMs > 0) await delay(this.latencyMs);
    this.log.add({ registrationNumber, correlationId, fields, status: answer.status, receivedAt });
    sendJson(res, answer.status, answer.body, answer.headers);
  }

  private answer(apiKey: string | undefined, registration: string | null): Answer {
    const verdict = this.settings.keys.verdict(apiKey);
    if (verdict === 'missing') return this.error(401);
    if (verdict === 'refused') return this.error(403);
    const rateWaitMs = this.takeRateSlot(apiKey as string);
    if (rateWaitMs > 0) return this.throttled(Math.ceil(rateWaitMs / 1000));

    const fault = this.faults.take();
    if (fault !== undefined) {
      const headers =
        fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter };
      return { ...this.error(fault.status), headers };
    }
    if (registration === null || !REGISTRATION.test(registration)) return this.error(400);

    const testStatus = TEST_REGISTRATIONS[registration];
    if (testStatus === 429) return this.throttled(this.settings.retryAfterSeconds);
    if (testStatus !== undefined) return this.error(testStatus);

    const vehicle = this.settings.vehicles.get(registration);
    if (vehicle === undefined) return this.error(404);
    return { status: 200, body: resolveVehicle(vehicle, this.settings.today()) };
  }

  /** 0 when the key may call now (a slot is taken), else how long until it may. */
  private takeRateSlot(apiKey: string): number {
    const limit = this.settings.rateLimit;
    if (limit === undefined || limit.requestsPerSecond <= 0) return 0;
    const name = ApiKeyCheck.bucketOf(apiKey);
    let bucket = this.buckets.get(name);
    if (bucket === undefined) {
      bucket = new TokenBucket(limit.requestsPerSecond, limit.burst, this.settings.now);
      this.buckets.set(name, bucket);
    }
    return bucket.tryTake() ? 0 : bucket.msUntilToken();
  }

  private throttled(retryAfterSeconds: number): Answer {
    return { ...this.error(429), headers: { 'retry-after': String(retryAfterSeconds) } };
  }

  private error(status: number): Answer {
    return { status, body: errorBody(status, this.settings.statusAs) };
  }
}

/** The registration as DVLA reads it (upper case, spaces gone), or null when there is none. */
function registrationOf(body: unknown): string | null {
  if (!isObject(body)) return null;
  const value = body.registrationNumber;
  return typeof value === 'string' ? value.toUpperCase().replace(/\s+/g, '') : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
