import { randomBytes } from 'node:crypto';
import { VehicleEnquiryClient, VehicleEnquiryClientOptions } from '@joinedup/dvla';
import { DvlaSandbox, DvlaSandboxOptions, startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { LogLevel, setLogLevel, setLogSink } from '@joinedup/logging';

/** The published test key (bytes 0 to 31), as the contract examples use; never a real one. */
export const TEST_PSEUDONYM_KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
export const COUNCIL = 'E07000223';

/** A distinctive key per run, so a test can search every output for it. */
export function makeApiKey(): string {
  return `sandbox-key-${randomBytes(12).toString('hex')}`;
}

/**
 * Client options for tests: the sandbox, short delays, and no rate limit, breaker or cache
 * unless a test turns them on, so each test sees only the behaviour it is about.
 */
export function testClientOptions(
  sandbox: DvlaSandbox,
  apiKey: string,
  overrides: Partial<VehicleEnquiryClientOptions> = {},
): VehicleEnquiryClientOptions {
  return {
    baseUrl: sandbox.url,
    apiKey,
    pseudonymKey: TEST_PSEUDONYM_KEY,
    timeoutMs: 2_000,
    ...overrides,
    retry: {
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 50,
      maxRetryAfterMs: 5_000,
      ...overrides.retry,
    },
    circuitBreaker: { failureThreshold: 1_000, coolDownMs: 1_000, ...overrides.circuitBreaker },
    rateLimit: { requestsPerSecond: 0, burst: 1, maxWaitMs: 1_000, ...overrides.rateLimit },
    cache: { maxEntries: 0, maxAgeMs: 0, ...overrides.cache },
  };
}

/** A sandbox that accepts one fresh key, and clients pointed at it. */
export class DvlaHarness {
  sandbox!: DvlaSandbox;
  readonly apiKey = makeApiKey();

  async start(options: DvlaSandboxOptions = {}): Promise<void> {
    this.sandbox = await startDvlaSandbox({ apiKeys: [this.apiKey], ...options });
  }

  async stop(): Promise<void> {
    await this.sandbox?.close();
  }

  client(overrides: Partial<VehicleEnquiryClientOptions> = {}): VehicleEnquiryClient {
    return new VehicleEnquiryClient(testClientOptions(this.sandbox, this.apiKey, overrides));
  }
}

/** Every log line written while it is installed, at the given level and above. */
export class CapturedLogs {
  readonly lines: string[] = [];

  install(level: LogLevel = 'debug'): void {
    setLogLevel(level);
    setLogSink({ write: (line) => this.lines.push(line) });
  }

  uninstall(): void {
    setLogSink(undefined);
    setLogLevel('error');
  }

  get entries(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  withMessage(msg: string): Array<Record<string, unknown>> {
    return this.entries.filter((entry) => entry.msg === msg);
  }
}

/** Gaps in ms between consecutive arrival times. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - times[index]);
}
