import { ChildProcess } from 'node:child_process';
import { DvlaSandbox, resolveDate, startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { setLogLevel } from '@joinedup/logging';
import { spawnTs, waitForExit, waitForLine } from '../support/spawn-ts';
import { makeApiKey } from './support/dvla-harness';

jest.setTimeout(60_000);
setLogLevel('error');

const PATH = '/vehicle-enquiry/v1/vehicles';
const TODAY = new Date('2026-12-03T10:00:00Z');

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function post(
  sandbox: DvlaSandbox | string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const base = typeof sandbox === 'string' ? sandbox : sandbox.url;
  const response = await fetch(`${base}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('the DVLA sandbox, as a client sees it over HTTP', () => {
  const apiKey = makeApiKey();
  let sandbox: DvlaSandbox;
  const withKey = { 'x-api-key': apiKey };

  beforeAll(async () => {
    sandbox = await startDvlaSandbox({ apiKeys: [apiKey], today: () => TODAY });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(() => sandbox.reset());

  it("answers a fixture vehicle with DVLA's body, relative dates made absolute", async () => {
    const answer = await post(sandbox, { registrationNumber: 'BD51SMR' }, withKey);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual({
      registrationNumber: 'BD51SMR',
      taxStatus: 'Untaxed',
      taxDueDate: '2026-04-03',
      motStatus: 'Not valid',
      motExpiryDate: '2026-06-03',
      make: 'VAUXHALL',
      monthOfFirstRegistration: '2001-10',
      yearOfManufacture: 2001,
      engineCapacity: 1598,
      co2Emissions: 185,
      fuelType: 'PETROL',
      markedForExport: false,
      colour: 'SILVER',
      dateOfLastV5CIssued: '2016-03-22',
      typeApproval: 'M1',
      wheelplan: '2 AXLE RIGID BODY',
    });
  });

  it.each([
    ['a missing', 401, {}, 'Unauthorized'],
    ['an empty', 401, { 'x-api-key': '' }, 'Unauthorized'],
    ['a wrong', 403, { 'x-api-key': 'someone-elses-key' }, 'Forbidden'],
  ])(
    "refuses %s x-api-key with %i in DVLA's error shape",
    async (_case, status, headers, title) => {
      const answer = await post(sandbox, { registrationNumber: 'AA19AAA' }, headers);

      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({
        errors: [
          { status: String(status), code: String(status), title, detail: expect.any(String) },
        ],
      });
      expect(JSON.stringify(answer.body)).not.toContain('someone-elses-key');
    },
  );

  it.each([
    ['ER19BAD', 400, 'ENQ103', 'Bad Request'],
    ['ER19NFD', 404, '404', 'Vehicle Not Found'],
    ['ER19THR', 429, '429', 'Too Many Requests'],
    ['ER19ERR', 500, '500', 'Internal Server Error'],
    ['ER19MNT', 503, '503', 'System currently down for maintenance'],
  ])('answers test registration %s with %i', async (registrationNumber, status, code, title) => {
    const answer = await post(sandbox, { registrationNumber }, withKey);

    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      errors: [{ status: String(status), code, title, detail: expect.any(String) }],
    });
    expect(answer.headers.get('retry-after')).toBe(status === 429 ? '1' : null);
  });

  it('answers a well-formed registration it does not hold with 404 Vehicle Not Found', async () => {
    const answer = await post(sandbox, { registrationNumber: 'ZZ99ZZZ' }, withKey);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ errors: [{ title: 'Vehicle Not Found' }] });
  });

  it.each([
    ['eight characters', { registrationNumber: 'AB51ABCD' }],
    ['punctuation', { registrationNumber: 'AB-51' }],
    ['no registration', {}],
    ['a number', { registrationNumber: 51 }],
    ['a body that is not JSON', 'registrationNumber=AB51ABC'],
  ])('refuses %s with 400 ENQ103', async (_case, body) => {
    const answer = await post(sandbox, body, withKey);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ status: '400', code: 'ENQ103' }] });
  });

  it('reads the registration as DVLA does: upper case, spaces ignored', async () => {
    const answer = await post(sandbox, { registrationNumber: 'lc19 dvl' }, withKey);
    expect(answer.status).toBe(200);
    expect(sandbox.requests()).toEqual([
      expect.objectContaining({
        registrationNumber: 'LC19DVL',
        status: 200,
        fields: ['registrationNumber'],
      }),
    ]);
  });

  it('answers an unknown path in the gateway shape, and other methods with 405', async () => {
    const lost = await fetch(`${sandbox.url}/vehicle-enquiry/v2/vehicles`, { method: 'POST' });
    const get = await fetch(`${sandbox.url}${PATH}`);

    expect(lost.status).toBe(404);
    expect(await lost.json()).toEqual({ message: 'Not Found' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('delays every answer by the injected latency', async () => {
    sandbox.setLatency(150);
    const started = Date.now();
    await post(sandbox, { registrationNumber: 'AA19AAA' }, withKey);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers injected faults for their count, then normally again', async () => {
    sandbox.injectFault({ status: 503, count: 2, retryAfter: '7' });
    const statuses = [];
    for (let n = 0; n < 3; n++)
      statuses.push(await post(sandbox, { registrationNumber: 'AA19AAA' }, withKey));

    expect(statuses.map((answer) => answer.status)).toEqual([503, 503, 200]);
    expect(statuses[0].headers.get('retry-after')).toBe('7');
  });

  it('offers the same controls over HTTP, for a sandbox in its own process', async () => {
    const control = (action: string, body: unknown) =>
      fetch(`${sandbox.url}/sandbox/${action}`, { method: 'POST', body: JSON.stringify(body) });

    expect((await control('faults', { status: 500, count: 1 })).status).toBe(200);
    expect((await post(sandbox, { registrationNumber: 'AA19AAA' }, withKey)).status).toBe(500);
    const bad = await control('faults', { status: 5000 });
    const listed = (await (
      await fetch(`${sandbox.url}/sandbox/requests?registrationNumber=aa19aaa`)
    ).json()) as {
      count: number;
    };
    await control('reset', {});

    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'status: 5000 is not an HTTP status' });
    expect(listed.count).toBe(1);
    expect(sandbox.requestCount()).toBe(0);
  });

  it('holds each API key to its own rate limit, answering 429 with Retry-After', async () => {
    const otherKey = makeApiKey();
    const limited = await startDvlaSandbox({
      apiKeys: [apiKey, otherKey],
      rateLimit: { requestsPerSecond: 2, burst: 2 },
    });
    try {
      const statuses = [];
      for (let n = 0; n < 3; n++) {
        statuses.push((await post(limited, { registrationNumber: 'AA19AAA' }, withKey)).status);
      }
      const throttled = await post(limited, { registrationNumber: 'AA19AAA' }, withKey);
      const other = await post(
        limited,
        { registrationNumber: 'AA19AAA' },
        { 'x-api-key': otherKey },
      );

      expect(statuses).toEqual([200, 200, 429]);
      expect(throttled.headers.get('retry-after')).toBe('1');
      expect(throttled.body).toMatchObject({
        errors: [{ status: '429', title: 'Too Many Requests' }],
      });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it.each([
    ['today', '2026-12-03'],
    ['today+1y', '2027-12-03'],
    ['today-6m', '2026-06-03'],
    ['today+30d', '2027-01-02'],
    ['2019-05-20', '2019-05-20'],
    ['todayish', 'todayish'],
  ])('resolves fixture date %j to %j', (value, expected) => {
    expect(resolveDate(value, TODAY)).toBe(expected);
  });
});

describe('npm run dvla-sandbox', () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    child = undefined;
  });

  it('starts on the port asked for, prints where it listens, answers, and stops on SIGTERM', async () => {
    const apiKey = makeApiKey();
    child = spawnTs('apps/dvla-sandbox/src/main.ts', ['--port=0'], {
      JOINEDUP_DVLA_SANDBOX_API_KEYS: `${apiKey},second-key`,
      JOINEDUP_LOG_LEVEL: 'error',
    });
    const line = await waitForLine(child, /Vehicle Enquiry Service\s+http:\/\//, 30_000);
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1];

    const answer = await post(url, { registrationNumber: 'ER19NFD' }, { 'x-api-key': apiKey });
    const refused = await post(
      url,
      { registrationNumber: 'AA19AAA' },
      { 'x-api-key': 'third-key' },
    );
    child.kill('SIGTERM');

    expect(answer.status).toBe(404);
    expect(refused.status).toBe(403);
    expect(await waitForExit(child)).toBe(0);
  });

  it('stops with exit code 2 naming a bad setting', async () => {
    child = spawnTs('apps/dvla-sandbox/src/main.ts', ['--port=http'], {
      JOINEDUP_DVLA_SANDBOX_LATENCY: 'slow',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    expect(await waitForExit(child)).toBe(2);
    expect(stderr).toContain('port (--port) = "http": expected a whole number');
    expect(stderr).toContain('latency (JOINEDUP_DVLA_SANDBOX_LATENCY) = "slow"');
  });
});
