/**
 * DVLA client benchmark: enquiries through VehicleEnquiryClient against the DVLA sandbox over
 * loopback HTTP, with the answer cache off and then on, each run from 32 concurrent callers
 * over a pool of 500 registrations (the fixture vehicles plus well-formed marks the sandbox
 * does not hold, answered 404). The council rate limit is off, so the figures are the
 * client's and the sandbox's cost, not a quota. Client and sandbox share this process and its
 * event loop. Prints one JSON line. Run with `npm run bench:dvla`.
 */
import * as os from 'node:os';
import { VehicleEnquiryClient } from '@joinedup/dvla';
import { DvlaSandbox, loadSandboxVehicles, startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { setLogLevel } from '@joinedup/logging';
import { percentile, round } from '../support/measure';

const ENQUIRIES = Number(process.env.BENCH_ENQUIRIES ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL = 500;
const WARM_UP = 1_000;
const COUNCIL = 'E07000223';
/** Letters valid in every position of a current-format mark. */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXY';

interface Run {
  enquiriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  dvlaCalls: number;
}

function registrationPool(): string[] {
  const pool = loadSandboxVehicles().map((vehicle) => vehicle.registrationNumber);
  for (let n = 0; pool.length < POOL; n++) {
    const letter = (k: number) => LETTERS[Math.floor(n / LETTERS.length ** k) % LETTERS.length];
    pool.push(`BN${String(51 + (n % 40)).padStart(2, '0')}${letter(0)}${letter(1)}${letter(2)}`);
  }
  return pool;
}

function client(sandbox: DvlaSandbox, cache: boolean): VehicleEnquiryClient {
  return new VehicleEnquiryClient({
    baseUrl: sandbox.url,
    apiKey: 'bench-key',
    pseudonymKey: Buffer.alloc(32, 7),
    rateLimit: { requestsPerSecond: 0 },
    cache: cache ? { maxEntries: POOL * 2, maxAgeMs: 15 * 60_000 } : { maxEntries: 0 },
  });
}

/** `total` enquiries shared by CONCURRENCY loops; each enquiry's latency in ms. */
async function drive(
  target: VehicleEnquiryClient,
  pool: string[],
  total: number,
): Promise<{ ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const registrationNumber = pool[next++ % pool.length];
        const begun = process.hrtime.bigint();
        const result = await target.enquire({ registrationNumber, council: COUNCIL });
        if (result.outcome === 'failed') throw new Error(`enquiry failed: ${result.error.code}`);
        latencies.push(Number(process.hrtime.bigint() - begun) / 1e6);
      }
    }),
  );
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, latencies };
}

async function measure(sandbox: DvlaSandbox, pool: string[], cache: boolean): Promise<Run> {
  const target = client(sandbox, cache);
  // Warms connections and the JIT; with the cache on it also fills the cache, as in service.
  await drive(target, pool, WARM_UP);
  sandbox.reset();
  const { ms, latencies } = await drive(target, pool, ENQUIRIES);
  latencies.sort((a, b) => a - b);
  return {
    enquiriesPerSecond: round((ENQUIRIES / ms) * 1000),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    dvlaCalls: sandbox.requestCount(),
  };
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const sandbox = await startDvlaSandbox({});
  try {
    const pool = registrationPool();
    const cacheOff = await measure(sandbox, pool, false);
    const cacheOn = await measure(sandbox, pool, true);
    process.stdout.write(
      JSON.stringify({
        bench: 'dvla-enquiries',
        date: new Date().toISOString(),
        machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
        enquiries: ENQUIRIES,
        concurrency: CONCURRENCY,
        registrations: pool.length,
        cacheOff,
        cacheOn,
        cacheSpeedUp: round(cacheOn.enquiriesPerSecond / cacheOff.enquiriesPerSecond, 1),
      }) + '\n',
    );
  } finally {
    await sandbox.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:dvla failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
