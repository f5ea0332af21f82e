import { inspect } from 'node:util';
import {
  DvlaEventMappingError,
  VehicleEnquiryClient,
  VehicleEnquiryFailure,
  VehicleEnquiryResult,
  toVehicleEnquiryFailed,
} from '@joinedup/dvla';
import { startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { setLogLevel, setLogSink } from '@joinedup/logging';
import {
  COUNCIL,
  DvlaHarness,
  TEST_PSEUDONYM_KEY,
  testClientOptions,
} from './support/dvla-harness';

jest.setTimeout(30_000);
setLogLevel('error');

const eventContext = {
  council: COUNCIL,
  correlationId: 'corr-av-test',
  causationId: '4a1c0000-0000-4000-8000-000000000009',
  pseudonymKey: TEST_PSEUDONYM_KEY,
};

function expectFailure(result: VehicleEnquiryResult): VehicleEnquiryFailure {
  expect(result.outcome).toBe('failed');
  return result as VehicleEnquiryFailure;
}

describe('What VehicleEnquiryClient sends, and what it refuses or cannot reach', () => {
  const harness = new DvlaHarness();
  let client: VehicleEnquiryClient;

  beforeAll(async () => {
    // The refused key and the wrong base URL are logged as errors, as they should be; not here.
    setLogSink({ write: () => undefined });
    await harness.start();
  });

  afterAll(async () => {
    await harness.stop();
    setLogSink(undefined);
  });

  beforeEach(() => {
    harness.sandbox.reset();
    client = harness.client();
  });

  it('reads error entries whose status DVLA sent as a number', async () => {
    const numeric = await startDvlaSandbox({ apiKeys: [harness.apiKey], errorStatusAs: 'number' });
    try {
      const result = await new VehicleEnquiryClient(
        testClientOptions(numeric, harness.apiKey),
      ).enquire({ registrationNumber: 'ER19BAD', council: COUNCIL });
      expect(expectFailure(result).errors[0]).toMatchObject({ status: 400, code: 'ENQ103' });
    } finally {
      await numeric.close();
    }
  });

  it('sends the normalised registration alone in the body, with the correlation id header', async () => {
    const result = await client.enquire({
      registrationNumber: ' lc19 dvl ',
      council: COUNCIL,
      correlationId: 'corr-av-2025-000213',
    });

    expect(result).toMatchObject({ outcome: 'found', registrationNumber: 'LC19DVL' });
    expect(harness.sandbox.requests()).toEqual([
      expect.objectContaining({
        registrationNumber: 'LC19DVL',
        correlationId: 'corr-av-2025-000213',
        fields: ['registrationNumber'],
      }),
    ]);
  });

  it('makes up a correlation id when the caller has none, a fresh one per enquiry', async () => {
    await client.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL });
    await client.enquire({ registrationNumber: 'AA19MOT', council: COUNCIL });
    const ids = harness.sandbox.requests().map((request) => request.correlationId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it.each([
    ['an impossible age identifier', 'AB50ABC'],
    ['too many characters', 'AB51 ABCD'],
    ['punctuation', 'AB-51-ABC'],
    ['nothing', ''],
  ])(
    'refuses %s before any call, and the failure has no event',
    async (_case, registrationNumber) => {
      const failure = expectFailure(await client.enquire({ registrationNumber, council: COUNCIL }));

      expect(failure).toMatchObject({
        registrationNumber: null,
        httpStatus: 0,
        retriable: false,
        attempts: 0,
      });
      expect(failure.error.code).toBe('DVLA_INVALID_REGISTRATION');
      expect(failure.error.message).toContain(JSON.stringify(registrationNumber));
      expect(harness.sandbox.requestCount()).toBe(0);
      expect(() => toVehicleEnquiryFailed(failure, eventContext)).toThrow(DvlaEventMappingError);
    },
  );

  it('refuses a council that is not a GSS code, as a programming error, before any call', async () => {
    await expect(
      client.enquire({ registrationNumber: 'AA19AAA', council: 'Mid Sussex' }),
    ).rejects.toThrow(/council: "Mid Sussex" is not valid/);
    expect(harness.sandbox.requestCount()).toBe(0);
  });

  it('fails with DVLA_API_KEY_REFUSED on a wrong key, without retrying', async () => {
    const wrongKey = harness.client({ apiKey: 'not-the-councils-key' });
    const failure = expectFailure(
      await wrongKey.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
    );

    expect(failure).toMatchObject({ httpStatus: 403, retriable: false, attempts: 1 });
    expect(failure.error.code).toBe('DVLA_API_KEY_REFUSED');
    expect(failure.error.message).toContain('JOINEDUP_DVLA_API_KEY');
    expect(failure.errors[0]).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('does not mistake a 404 from a wrong base URL for "vehicle not found"', async () => {
    const misrouted = harness.client({ baseUrl: `${harness.sandbox.url}/wrong-prefix` });
    const failure = expectFailure(
      await misrouted.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
    );

    expect(failure).toMatchObject({ httpStatus: 404, retriable: false });
    expect(failure.error.code).toBe('DVLA_UNEXPECTED_ANSWER');
    expect(failure.error.message).toContain('JOINEDUP_DVLA_BASE_URL');
  });

  it('fails as retriable with status 0 when no answer arrives in time, after every attempt', async () => {
    harness.sandbox.setLatency(400);
    const impatient = harness.client({ timeoutMs: 100, retry: { maxAttempts: 2 } });
    const started = Date.now();
    const failure = expectFailure(
      await impatient.enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
    );

    expect(failure).toMatchObject({ httpStatus: 0, retriable: true, attempts: 2, errors: [] });
    expect(failure.error.code).toBe('DVLA_UNAVAILABLE');
    expect(failure.error.message).toContain('gave no answer (no answer within 100 ms)');
    expect(Date.now() - started).toBeLessThan(400 * 2);
  });

  it('fails as retriable with status 0 when nothing listens at the base URL', async () => {
    const gone = await startDvlaSandbox({});
    const url = gone.url;
    await gone.close();
    const failure = expectFailure(
      await harness
        .client({ baseUrl: url })
        .enquire({ registrationNumber: 'AA19AAA', council: COUNCIL }),
    );

    expect(failure).toMatchObject({ httpStatus: 0, retriable: true, attempts: 3 });
    expect(failure.error.message).toContain('gave no answer (ECONNREFUSED)');
  });

  it('keeps the API key out of reach of inspection and serialisation', () => {
    const text = `${inspect(client, { depth: 10, showHidden: true })} ${JSON.stringify(client)}`;
    expect(text).not.toContain(harness.apiKey);
  });
});
