/**
 * Encode+decode of one representative event through AvroSerde (schema cached, as in steady
 * state) against JSON.stringify+JSON.parse of the same object, in one process, in
 * interleaved rounds so that neither side gets a warmer JIT or a quieter machine.
 *
 *   npm run build && node dist/bench/serde/serde-vs-json.js [iterations]
 *
 * Prints one JSON line. Targets: serde >= 1.5x the JSON ops/s, <= 0.5x the JSON bytes.
 */
import { AvroSerde } from '@joinedup/avro';
import { setLogLevel } from '@joinedup/logging';
import { MemorySchemaStore, startSchemaRegistry } from '@joinedup/schema-registry';
import { round } from '../support/measure';

const SUBJECT = 'counciltax.payment-received-value';
const ITERATIONS = Number(process.argv[2] ?? 200_000);
const ROUNDS = 10;
const WARM_UP = 20_000;

const optional = (type: unknown) => ['null', type];
const uuid = { type: 'string', logicalType: 'uuid' };
const timestamp = { type: 'long', logicalType: 'timestamp-millis' };

const SCHEMA = {
  type: 'record',
  name: 'PaymentReceived',
  namespace: 'uk.gov.joinedup.counciltax',
  fields: [
    { name: 'eventId', type: uuid },
    { name: 'eventType', type: 'string' },
    { name: 'occurredAt', type: timestamp },
    { name: 'recordedAt', type: timestamp },
    { name: 'source', type: 'string' },
    { name: 'councilCode', type: 'string' },
    { name: 'correlationId', type: uuid },
    { name: 'causationId', type: optional(uuid), default: null },
    { name: 'schemaVersion', type: 'int' },
    {
      name: 'sensitivity',
      type: {
        type: 'enum',
        name: 'Sensitivity',
        symbols: ['PUBLIC', 'OFFICIAL', 'OFFICIAL_SENSITIVE'],
      },
    },
    { name: 'subjectRef', type: 'string' },
    {
      name: 'payload',
      type: {
        type: 'record',
        name: 'Payment',
        fields: [
          { name: 'accountRef', type: 'string' },
          { name: 'uprn', type: 'string' },
          {
            name: 'amount',
            type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
          },
          {
            name: 'method',
            type: {
              type: 'enum',
              name: 'PaymentMethod',
              symbols: ['DIRECT_DEBIT', 'CARD', 'BANK_TRANSFER', 'CASH', 'CHEQUE'],
            },
          },
          { name: 'paidOn', type: { type: 'int', logicalType: 'date' } },
          { name: 'financialYear', type: 'string' },
          { name: 'instalment', type: 'int' },
          { name: 'isRefund', type: 'boolean' },
          { name: 'reference', type: 'string' },
          { name: 'payerName', type: optional('string'), default: null },
          { name: 'email', type: optional('string'), default: null },
          { name: 'notes', type: optional('string'), default: null },
        ],
      },
    },
  ],
};

const EVENT = {
  eventId: '5f1c3c1e-4b8a-4a57-9d53-3b6c3f0f2a11',
  eventType: 'counciltax.PaymentReceived',
  occurredAt: new Date('2025-04-01T09:30:00.000Z'),
  recordedAt: new Date('2025-04-01T09:30:02.417Z'),
  source: 'academy-revenues',
  councilCode: 'E07000223',
  correlationId: '0b8e2f7a-3c1d-4e5f-9a6b-7c8d9e0f1a2b',
  causationId: null,
  schemaVersion: 3,
  sensitivity: 'OFFICIAL_SENSITIVE',
  subjectRef: 'CTX-00412345',
  payload: {
    accountRef: '00412345',
    uprn: '000100023456',
    amount: '152.37',
    method: 'DIRECT_DEBIT',
    paidOn: '2025-04-01',
    financialYear: '2025/26',
    instalment: 1,
    isRefund: false,
    reference: 'DD-2025-04-000123',
    payerName: 'A. Resident',
    email: null,
    notes: null,
  },
};

async function serdeRound(serde: AvroSerde, iterations: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    await serde.decode(await serde.encode(SUBJECT, EVENT));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function jsonRound(iterations: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    JSON.parse(JSON.stringify(EVENT));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  setLogLevel('error');
  const registry = await startSchemaRegistry({ port: 0, store: new MemorySchemaStore() });
  try {
    const serde = new AvroSerde({ registry: { url: registry.url } });
    await serde.register(SUBJECT, SCHEMA);
    const message = await serde.encode(SUBJECT, EVENT);
    await serde.decode(message);

    await serdeRound(serde, WARM_UP);
    jsonRound(WARM_UP);

    const perRound = Math.ceil(ITERATIONS / ROUNDS);
    let serdeSeconds = 0;
    let jsonSeconds = 0;
    for (let r = 0; r < ROUNDS; r++) {
      serdeSeconds += await serdeRound(serde, perRound);
      jsonSeconds += jsonRound(perRound);
    }

    const iterations = perRound * ROUNDS;
    const serdeOps = iterations / serdeSeconds;
    const jsonOps = iterations / jsonSeconds;
    const jsonBytes = Buffer.byteLength(JSON.stringify(EVENT));
    const result = {
      bench: 'serde-vs-json',
      node: process.version,
      iterations,
      rounds: ROUNDS,
      serdeOpsPerSec: Math.round(serdeOps),
      jsonOpsPerSec: Math.round(jsonOps),
      speedRatio: round(serdeOps / jsonOps, 2),
      avroBytes: message.length,
      jsonBytes,
      sizeRatio: round(message.length / jsonBytes, 3),
      meetsTargets: serdeOps / jsonOps >= 1.5 && message.length / jsonBytes <= 0.5,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await registry.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`serde-vs-json failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
