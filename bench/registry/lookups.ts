/**
 * Registry benchmark: 10,000 look-ups by id (`GET /schemas/ids/{id}`, what every deserialiser
 * asks on a cache miss) from 50 concurrent clients, each on its own keep-alive connection,
 * against a registry started in-process over the embedded broker (also in-process, idle while
 * measured). Client and server share this process and its event loop, so the figures include
 * the client's own cost. Prints one JSON line. Run with `npm run bench:registry`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Broker } from '@joinedup/broker';
import { setLogLevel } from '@joinedup/logging';
import { startSchemaRegistry } from '@joinedup/schema-registry';
import { percentile, round } from '../support/measure';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SCHEMAS = 100;
const WARM_UP = 500;

function schemaNumber(n: number): string {
  return JSON.stringify({
    type: 'record',
    name: `Event${n}`,
    namespace: 'uk.gov.joinedup.bench',
    fields: [
      { name: 'eventId', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'council', type: 'string', doc: 'GSS code' },
      { name: 'payload', type: ['null', 'string'], default: null },
    ],
  });
}

async function registerSchemas(url: string): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 0; n < SCHEMAS; n++) {
    const response = await fetch(`${url}/subjects/bench-${n}-value/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: schemaNumber(n) }),
    });
    if (!response.ok) throw new Error(`registering schema ${n} failed: ${await response.text()}`);
    ids.push(((await response.json()) as { id: number }).id);
  }
  return ids;
}

function lookup(agent: http.Agent, port: number, id: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path: `/schemas/ids/${id}`, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200)
          reject(new Error(`GET /schemas/ids/${id} answered ${res.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
  });
}

/** One loop per agent; the loops share `total` look-ups between them. */
async function run(
  agents: http.Agent[],
  port: number,
  ids: number[],
  total: number,
): Promise<{ ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    agents.map(async (agent) => {
      while (next < total) {
        const n = next++;
        latencies.push(await lookup(agent, port, ids[n % ids.length]));
      }
    }),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, latencies };
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-registry-'));
  const broker = await Broker.start({
    port: 0,
    dataDir: path.join(work, 'broker'),
    groupInitialRebalanceDelay: 0,
  });
  const registry = await startSchemaRegistry({
    port: 0,
    kafka: { brokers: [broker.bootstrap], clientId: 'bench-registry' },
  });
  const agents = Array.from(
    { length: CLIENTS },
    () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
  );
  try {
    const ids = await registerSchemas(registry.url);
    // The warm-up opens every client's connection, so the measured run reuses them.
    await run(agents, registry.port, ids, WARM_UP);
    const { ms, latencies } = await run(agents, registry.port, ids, LOOKUPS);
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      JSON.stringify({
        bench: 'registry-lookups-by-id',
        date: new Date().toISOString(),
        machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
        lookups: LOOKUPS,
        clients: CLIENTS,
        schemas: ids.length,
        seconds: round(ms / 1000, 3),
        requestsPerSecond: round((LOOKUPS / ms) * 1000),
        p50Ms: round(percentile(latencies, 50), 2),
        p99Ms: round(percentile(latencies, 99), 2),
        maxMs: round(latencies[latencies.length - 1], 2),
      }) + '\n',
    );
  } finally {
    agents.forEach((agent) => agent.destroy());
    await registry.close();
    await broker.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`registry benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
