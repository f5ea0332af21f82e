import { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseJson, readBody, sendJson } from './http-io';
import { FaultPlan, SandboxFaults } from './sandbox-faults';
import { SandboxRequestLog } from './sandbox-request-log';
import { VehicleEnquiryRoute } from './vehicle-enquiry.route';

export const ADMIN_PREFIX = '/sandbox/';

/**
 * Controls for rehearsing failures against a sandbox running as its own process (the real
 * service has nothing like them, and they live outside its path):
 *
 * - `GET /sandbox/requests[?registrationNumber=X]`: the calls received, for counting;
 * - `POST /sandbox/faults` `{status, count?, retryAfter?}`: answer the next `count` calls
 *   (all, when omitted) with that status;
 * - `POST /sandbox/latency` `{ms}`: delay every answer;
 * - `POST /sandbox/reset`: no faults, no latency, an empty request log.
 */
export class SandboxAdminRoute {
  constructor(
    private readonly faults: SandboxFaults,
    private readonly log: SandboxRequestLog,
    private readonly enquiries: VehicleEnquiryRoute,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const action = url.pathname.slice(ADMIN_PREFIX.length);
    if (req.method === 'GET' && action === 'requests') {
      const registration = url.searchParams.get('registrationNumber') ?? undefined;
      const requests = this.log.list(registration);
      sendJson(res, 200, { count: requests.length, requests });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { message: `${req.method} is not allowed on ${url.pathname}` });
      return;
    }
    let body: Record<string, unknown>;
    try {
      const parsed = parseJson(await readBody(req));
      body =
        typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      sendJson(res, 413, { message: err.message });
      return;
    }
    this.apply(action, body, res);
  }

  private apply(action: string, body: Record<string, unknown>, res: ServerResponse): void {
    try {
      switch (action) {
        case 'faults':
          this.faults.add(body as unknown as FaultPlan);
          break;
        case 'latency':
          this.enquiries.latencyMs = requireMs(body.ms);
          break;
        case 'reset':
          this.faults.clear();
          this.log.clear();
          this.enquiries.latencyMs = 0;
          break;
        default:
          sendJson(res, 404, { message: `no sandbox control ${JSON.stringify(action)}` });
          return;
      }
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      sendJson(res, 400, { message: err.message });
      return;
    }
    sendJson(res, 200, { ok: true });
  }
}

function requireMs(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new RangeError(`ms: ${JSON.stringify(value)} is not a whole number of milliseconds >= 0`);
}
