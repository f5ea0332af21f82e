import { VehicleEnquiryFailure, VehicleEnquiryResult } from '@joinedup/dvla';
import { setLogLevel } from '@joinedup/logging';
import { CapturedLogs, COUNCIL, DvlaHarness } from './support/dvla-harness';

jest.setTimeout(30_000);
setLogLevel('error');

const OTHER_COUNCIL = 'E08000025';
/** Date.now() has whole milliseconds, on both sides of the call. */
const CLOCK_ROUNDING_MS = 2;

function failureOf(result: VehicleEnquiryResult): VehicleEnquiryFailure {
  expect(result.outcome).toBe('failed');
  return result as VehicleEnquiryFailure;
}

describe('VehicleEnquiryClient rate limit, cache and secrecy, against the DVLA sandbox over HTTP', () => {
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

  describe('per-council rate limit', () => {
    it("spaces one council's calls at its rate, without delaying another council", async () => {
      const client = harness.client({
        rateLimit: { requestsPerSecond: 5, burst: 1, maxWaitMs: 5_000 },
      });
      const registrations = ['AA19AAA', 'AA19MOT', 'AA19SRN', 'WN67DSO', 'LC19DVL'];

      const started = Date.now();
      const [results, other] = await Promise.all([
        Promise.all(
          registrations.map((registrationNumber) =>
            client.enquire({ registrationNumber, council: COUNCIL }),
          ),
        ),
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const result = await client.enquire({
            registrationNumber: 'BD51SMR',
            council: OTHER_COUNCIL,
          });
          return { result, after: Date.now() - started };
        })(),
      ]);

      expect(results.map((result) => result.outcome)).toEqual(Array(5).fill('found'));
      const councilArrivals = harness.sandbox
        .requests()
        .filter((request) => request.registrationNumber !== 'BD51SMR')
        .map((request) => request.receivedAt);
      // The bucket holds call i until slot i, 200 ms apart; arrivals may be late, never early.
      councilArrivals.forEach((arrival, i) =>
        expect(arrival - started).toBeGreaterThanOrEqual(200 * i - CLOCK_ROUNDING_MS),
      );
      expect(other.result.outcome).toBe('found');
      expect(other.after).toBeLessThan(200);
    });

    it('fails as retriable, without calling DVLA, when the wait would exceed the limit', async () => {
      const client = harness.client({
        rateLimit: { requestsPerSecond: 1, burst: 1, maxWaitMs: 100 },
      });
      await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });

      const failure = failureOf(
        await client.enquire({ registrationNumber: 'AA19MOT', council: COUNCIL }),
      );

      expect(failure.error).toMatchObject({ code: 'DVLA_RATE_LIMITED', retriable: true });
      expect(failure.error.message).toContain('JOINEDUP_DVLA_RATE_LIMIT');
      expect(harness.sandbox.requestCount()).toBe(1);
    });
  });

  describe('cache of recent answers', () => {
    it('answers a repeat from the cache without calling DVLA, until the answer is too old', async () => {
      const client = harness.client({ cache: { maxEntries: 100, maxAgeMs: 300 } });

      const first = await client.enquire({ registrationNumber: 'LC19DVL', council: COUNCIL });
      const repeat = await client.enquire({
        registrationNumber: 'lc19 dvl',
        council: COUNCIL,
        correlationId: 'c-2',
      });

      expect(first).toMatchObject({ outcome: 'found', fromCache: false, attempts: 1 });
      expect(repeat).toMatchObject({
        outcome: 'found',
        fromCache: true,
        attempts: 0,
        correlationId: 'c-2',
      });
      expect(repeat.outcome === 'found' && repeat.answeredAt).toEqual(
        first.outcome === 'found' && first.answeredAt,
      );
      expect(harness.sandbox.requestCount('LC19DVL')).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 350));
      const expired = await client.enquire({ registrationNumber: 'LC19DVL', council: COUNCIL });
      expect(expired).toMatchObject({ fromCache: false, attempts: 1 });
      expect(harness.sandbox.requestCount('LC19DVL')).toBe(2);
    });

    it('caches not-found answers, but never failures', async () => {
      const client = harness.client({
        cache: { maxEntries: 100, maxAgeMs: 60_000 },
        retry: { maxAttempts: 1 },
      });
      for (let n = 0; n < 2; n++) {
        await client.enquire({ registrationNumber: 'ER19NFD', council: COUNCIL });
        await client.enquire({ registrationNumber: 'ER19ERR', council: COUNCIL });
      }
      expect(harness.sandbox.requestCount('ER19NFD')).toBe(1);
      expect(harness.sandbox.requestCount('ER19ERR')).toBe(2);
    });

    it('calls DVLA every time when the cache is off', async () => {
      const client = harness.client({ cache: { maxEntries: 0, maxAgeMs: 60_000 } });
      await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });
      await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });
      expect(harness.sandbox.requestCount('AA19AAA')).toBe(2);
    });

    it('shares one call between concurrent enquiries for the same vehicle', async () => {
      harness.sandbox.setLatency(100);
      const client = harness.client();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
        ),
      );
      expect(results.map((result) => result.outcome)).toEqual(Array(5).fill('found'));
      expect(harness.sandbox.requestCount('AA19AAA')).toBe(1);
    });
  });

  describe('what is never written down', () => {
    const logs = new CapturedLogs();

    afterEach(() => logs.uninstall());

    it('keeps the API key out of every error and log line, and registrations out of the logs', async () => {
      logs.install('debug');
      const client = harness.client({
        retry: { maxAttempts: 2 },
        // ER19ERR and ER19MNT fail twice each: the fourth failure opens the circuit.
        circuitBreaker: { failureThreshold: 4, coolDownMs: 60_000 },
        rateLimit: { requestsPerSecond: 1_000, burst: 1_000, maxWaitMs: 1_000 },
      });
      const wrongKey = 'wrong-key-Zq81xv03';
      const refused = harness.client({ apiKey: wrongKey });
      const registrations = ['LC19DVL', 'ER19BAD', 'ER19NFD', 'ER19THR', 'ER19ERR', 'AB50ABC'];
      const results = [];
      for (const registrationNumber of registrations) {
        results.push(await client.enquire({ registrationNumber, council: COUNCIL }));
      }
      harness.sandbox.injectFault({ status: 503 });
      results.push(await client.enquire({ registrationNumber: 'ER19MNT', council: COUNCIL }));
      results.push(await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }));
      results.push(await client.enquire({ registrationNumber: 'AA19MOT', council: COUNCIL }));
      harness.sandbox.reset();
      results.push(await refused.enquire({ registrationNumber: 'AA19SRN', council: COUNCIL }));

      const failures = results.filter(
        (result) => result.outcome === 'failed',
      ) as VehicleEnquiryFailure[];
      expect(failures.map((failure) => failure.error.code).sort()).toEqual([
        'DVLA_API_KEY_REFUSED',
        'DVLA_CIRCUIT_OPEN',
        'DVLA_CIRCUIT_OPEN',
        'DVLA_INVALID_REGISTRATION',
        'DVLA_REQUEST_REJECTED',
        'DVLA_UNAVAILABLE',
        'DVLA_UNAVAILABLE',
        'DVLA_UNAVAILABLE',
      ]);
      const written = [
        ...logs.lines,
        ...failures.map((failure) => `${failure.error.message} ${JSON.stringify(failure.error)}`),
        ...results.map((result) => JSON.stringify(result)),
      ].join('\n');
      expect(logs.lines.length).toBeGreaterThan(10);
      expect(written).not.toContain(harness.apiKey);
      expect(written).not.toContain(wrongKey);
      const logText = logs.lines.join('\n');
      for (const registrationNumber of [...registrations, 'ER19MNT', 'AA19AAA', 'AA19SRN']) {
        expect(logText).not.toContain(registrationNumber);
      }
      expect(logs.withMessage('DVLA enquiry will be retried')[0]).toMatchObject({
        subjectKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        council: COUNCIL,
      });
    });
  });
});
