import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { VEHICLES_PATH } from '@joinedup/dvla';
import { createLogger } from '@joinedup/logging';
import { ApiKeyCheck } from './api-key-check';
import { StatusType } from './dvla-error-answers';
import { sendJson } from './http-io';
import { ADMIN_PREFIX, SandboxAdminRoute } from './sandbox-admin.route';
import { FaultPlan, SandboxFaults } from './sandbox-faults';
import { SandboxRequest, SandboxRequestLog } from './sandbox-request-log';
import { SandboxVehicle, loadSandboxVehicles } from './sandbox-vehicles';
import { VehicleEnquiryRoute } from './vehicle-enquiry.route';

export interface DvlaSandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Keys accepted in x-api-key; none (the default) accepts any non-empty key. */
  apiKeys?: readonly string[];
  /** Default: examples/dvla/vehicles.json. */
  vehicles?: readonly SandboxVehicle[];
  /** Delay before every answer. */
  latencyMs?: number;
  /** Per API key, answering 429 with Retry-After beyond it; off by default. */
  rateLimit?: { requestsPerSecond: number; burst: number };
  /** Retry-After sent with ER19THR's 429. Default 1. */
  retryAfterSeconds?: number;
  /** `status` in error entries as DVLA documents it (text) or as a number. Default text. */
  errorStatusAs?: StatusType;
  /** The day relative fixture dates count from. Default: the current day. */
  today?: () => Date;
}

/**
 * A stand-in for DVLA's Vehicle Enquiry Service that behaves as the real one does: the same
 * path, headers, bodies and error shapes, DVLA's test registrations (ER19BAD, ER19NFD,
 * ER19THR, ER19ERR, ER19MNT) and a fixture set of vehicles, plus optional latency, a per-key
 * rate limit, and injected faults to rehearse DVLA failing.
 */
export class DvlaSandbox {
  private readonly log = createLogger(DvlaSandbox.name);
  private readonly requestLog = new SandboxRequestLog();
  private readonly faults = new SandboxFaults();
  private readonly enquiries: VehicleEnquiryRoute;
  private readonly admin: SandboxAdminRoute;
  private readonly server: Server;
  readonly acceptsAnyKey: boolean;
  readonly vehicleCount: number;

  private constructor(options: DvlaSandboxOptions) {
    const vehicles = options.vehicles ?? loadSandboxVehicles();
    const keys = new ApiKeyCheck(options.apiKeys ?? []);
    this.acceptsAnyKey = keys.acceptsAnyKey;
    this.vehicleCount = vehicles.length;
    this.enquiries = new VehicleEnquiryRoute(
      {
        vehicles: new Map(vehicles.map((vehicle) => [vehicle.registrationNumber, vehicle])),
        keys,
        rateLimit: options.rateLimit,
        retryAfterSeconds: options.retryAfterSeconds ?? 1,
        statusAs: options.errorStatusAs ?? 'string',
        today: options.today ?? (() => new Date()),
        now: Date.now,
      },
      this.faults,
      this.requestLog,
    );
    this.enquiries.latencyMs = options.latencyMs ?? 0;
    this.admin = new SandboxAdminRoute(this.faults, this.requestLog, this.enquiries);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        this.log.error('sandbox request failed', { err: err as Error });
        if (!res.headersSent) sendJson(res, 500, { message: 'sandbox failure' });
        else res.destroy();
      });
    });
  }

  static async start(options: DvlaSandboxOptions = {}): Promise<DvlaSandbox> {
    const sandbox = new DvlaSandbox(options);
    await new Promise<void>((resolve, reject) => {
      sandbox.server.once('error', reject);
      sandbox.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        sandbox.server.off('error', reject);
        resolve();
      });
    });
    sandbox.log.info('DVLA sandbox listening', {
      url: sandbox.url,
      vehicles: sandbox.vehicleCount,
      acceptsAnyKey: sandbox.acceptsAnyKey,
    });
    return sandbox;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get host(): string {
    return (this.server.address() as AddressInfo).address;
  }

  /** The base URL to give the client (JOINEDUP_DVLA_BASE_URL). */
  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** Calls received on the service path, all or for one registration. */
  requests(registrationNumber?: string): SandboxRequest[] {
    return this.requestLog.list(registrationNumber);
  }

  requestCount(registrationNumber?: string): number {
    return this.requestLog.list(registrationNumber).length;
  }

  /** Answers the next `count` calls (all, when omitted) with `status`. */
  injectFault(plan: FaultPlan): void {
    this.faults.add(plan);
  }

  setLatency(ms: number): void {
    this.enquiries.latencyMs = ms;
  }

  /** No faults, no latency, an empty request log. */
  reset(): void {
    this.faults.clear();
    this.requestLog.clear();
    this.enquiries.latencyMs = 0;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname === VEHICLES_PATH) {
      if (req.method === 'POST') return this.enquiries.handle(req, res);
      sendJson(res, 405, { message: 'Method Not Allowed' }, { allow: 'POST' });
      return;
    }
    if (url.pathname.startsWith(ADMIN_PREFIX)) return this.admin.handle(req, res, url);
    // The gateway's shape, not DVLA's: a client must not read this as "vehicle not found".
    sendJson(res, 404, { message: 'Not Found' });
  }
}

export function startDvlaSandbox(options: DvlaSandboxOptions = {}): Promise<DvlaSandbox> {
  return DvlaSandbox.start(options);
}
