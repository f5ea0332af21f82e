import { VehicleEnquiryFailure, VehicleEnquiryResult } from '@joinedup/dvla';
import { setLogLevel } from '@joinedup/logging';
import { COUNCIL, DvlaHarness, gaps } from './support/dvla-harness';

jest.setTimeout(30_000);
setLogLevel('error');

/** Timers and loopback on a shared two-core machine: allow this much early or late. */
const SLACK_MS = 60;

function failureOf(result: VehicleEnquiryResult): VehicleEnquiryFailure {
  expect(result.outcome).toBe('failed');
  return result as VehicleEnquiryFailure;
}

function arrivals(harness: DvlaHarness, registrationNumber?: string): number[] {
  return harness.sandbox.requests(registrationNumber).map((request) => request.receivedAt);
}

describe('VehicleEnquiryClient retries and circuit breaker, against the DVLA sandbox over HTTP', () => {
  const harness = new DvlaHarness();

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    harness.sandbox.reset();
  });

  describe('retries', () => {
    it('retries 503 and 500 with backoff and succeeds, each attempt reaching DVLA', async () => {
      harness.sandbox.injectFault({ status: 503, count: 1 });
      harness.sandbox.injectFault({ status: 500, count: 1 });
      const client = harness.client({
        retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
      });

      const result = await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });

      expect(result).toMatchObject({ outcome: 'found', attempts: 3 });
      const requests = harness.sandbox.requests('AA19AAA');
      expect(requests.map((request) => request.status)).toEqual([503, 500, 200]);
      const [first, second] = gaps(arrivals(harness));
      // Equal jitter: at least half of each step (100 ms, then 200 ms).
      expect(first).toBeGreaterThanOrEqual(50 - SLACK_MS / 6);
      expect(second).toBeGreaterThanOrEqual(100 - SLACK_MS / 6);
      expect(new Set(requests.map((request) => request.correlationId)).size).toBe(1);
    });

    it('honours Retry-After in seconds from ER19THR, waiting at least that long', async () => {
      const client = harness.client({ retry: { maxAttempts: 2, baseDelayMs: 10 } });

      const failure = failureOf(
        await client.enquire({ registrationNumber: 'ER19THR', council: COUNCIL }),
      );

      expect(failure).toMatchObject({ httpStatus: 429, attempts: 2, retriable: true });
      const [wait] = gaps(arrivals(harness, 'ER19THR'));
      expect(wait).toBeGreaterThanOrEqual(1_000 - SLACK_MS / 6);
      expect(wait).toBeLessThan(1_000 + 1_000);
    });

    it('honours Retry-After as an HTTP date', async () => {
      const at = new Date(Date.now() + 2_000);
      harness.sandbox.injectFault({ status: 503, count: 1, retryAfter: at.toUTCString() });
      const client = harness.client({ retry: { maxAttempts: 2, baseDelayMs: 10 } });

      const result = await client.enquire({ registrationNumber: 'AA19MOT', council: COUNCIL });

      expect(result.outcome).toBe('found');
      const [, retried] = arrivals(harness, 'AA19MOT');
      // The date has whole seconds, so the wait is between one and two seconds from now.
      expect(retried).toBeGreaterThanOrEqual(at.getTime() - 1_000 - SLACK_MS);
    });

    it('fails at once, retriable, when Retry-After asks for longer than it may wait', async () => {
      harness.sandbox.injectFault({ status: 503, count: 1, retryAfter: '120' });
      const client = harness.client({ retry: { maxAttempts: 4, maxRetryAfterMs: 30_000 } });

      const failure = failureOf(
        await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
      );

      expect(failure).toMatchObject({ httpStatus: 503, attempts: 1, retriable: true });
      expect(failure.error).toMatchObject({ code: 'DVLA_UNAVAILABLE', retryAfterMs: 120_000 });
      expect(harness.sandbox.requestCount()).toBe(1);
    });

    it("retries after the sandbox's own per-key rate limit answers 429, then succeeds", async () => {
      const limited = new DvlaHarness();
      await limited.start({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
      try {
        const client = limited.client({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
        await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });
        const second = await client.enquire({ registrationNumber: 'AA19MOT', council: COUNCIL });

        expect(second).toMatchObject({ outcome: 'found', attempts: 2 });
        expect(limited.sandbox.requests().map((request) => request.status)).toEqual([
          200, 429, 200,
        ]);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('circuit breaker', () => {
    const breakerClient = () =>
      harness.client({
        retry: { maxAttempts: 1 },
        circuitBreaker: { failureThreshold: 3, coolDownMs: 400 },
      });

    it('opens after repeated 503s and then fails fast without calling DVLA', async () => {
      harness.sandbox.injectFault({ status: 503 });
      const client = breakerClient();

      for (const registrationNumber of ['AA19AAA', 'AA19MOT', 'AA19SRN']) {
        const failure = failureOf(await client.enquire({ registrationNumber, council: COUNCIL }));
        expect(failure.error.code).toBe('DVLA_UNAVAILABLE');
      }
      expect(client.circuitState).toBe('open');
      const started = Date.now();
      const fast = failureOf(
        await client.enquire({ registrationNumber: 'WN67DSO', council: COUNCIL }),
      );

      expect(fast.error).toMatchObject({ code: 'DVLA_CIRCUIT_OPEN', retriable: true });
      expect(fast).toMatchObject({ attempts: 0, httpStatus: 0, retriable: true });
      expect(Date.now() - started).toBeLessThan(50);
      expect(harness.sandbox.requestCount()).toBe(3);
    });

    it('half-opens after the cool-down: a successful probe closes it', async () => {
      harness.sandbox.injectFault({ status: 503, count: 3 });
      const client = breakerClient();
      for (const registrationNumber of ['AA19AAA', 'AA19MOT', 'AA19SRN']) {
        await client.enquire({ registrationNumber, council: COUNCIL });
      }
      expect(client.circuitState).toBe('open');

      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(client.circuitState).toBe('half-open');
      const probe = await client.enquire({ registrationNumber: 'WN67DSO', council: COUNCIL });

      expect(probe.outcome).toBe('found');
      expect(client.circuitState).toBe('closed');
      expect(
        (await client.enquire({ registrationNumber: 'LC19DVL', council: COUNCIL })).outcome,
      ).toBe('found');
      expect(harness.sandbox.requestCount()).toBe(5);
    });

    it('opens again when the probe fails, and lets only one probe through', async () => {
      harness.sandbox.injectFault({ status: 503 });
      harness.sandbox.setLatency(100);
      const client = breakerClient();
      for (const registrationNumber of ['AA19AAA', 'AA19MOT', 'AA19SRN']) {
        await client.enquire({ registrationNumber, council: COUNCIL });
      }
      await new Promise((resolve) => setTimeout(resolve, 450));

      const [probe, rival] = await Promise.all([
        client.enquire({ registrationNumber: 'WN67DSO', council: COUNCIL }),
        client.enquire({ registrationNumber: 'LC19DVL', council: COUNCIL }),
      ]);

      expect(failureOf(probe).error.code).toBe('DVLA_UNAVAILABLE');
      expect(failureOf(rival).error.code).toBe('DVLA_CIRCUIT_OPEN');
      expect(client.circuitState).toBe('open');
      expect(harness.sandbox.requestCount()).toBe(4);
    });

    it('is not opened by 429s: a throttled DVLA is up', async () => {
      const client = harness.client({
        retry: { maxAttempts: 1 },
        circuitBreaker: { failureThreshold: 2, coolDownMs: 60_000 },
      });
      for (let n = 0; n < 3; n++)
        await client.enquire({ registrationNumber: 'ER19THR', council: COUNCIL });

      expect(client.circuitState).toBe('closed');
      expect(harness.sandbox.requestCount('ER19THR')).toBe(3);
    });
  });
});
