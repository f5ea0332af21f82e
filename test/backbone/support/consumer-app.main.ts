/**
 * A consumer app in its own process, for tests that kill it with SIGKILL or run it beside
 * another member. Configured by environment variables (see `ConsumerAppEnv`); writes one JSON
 * line per handler run to stdout: {"event":"ready"}, {"event":"handling","eventId",...}. It can
 * load first and join the group on a signal, so a test can time the join to the moment.
 * Each handler writes a side-effect row and derives a CaseStatusChanged through the outbox.
 */
import { BackboneOptions } from '@joinedup/backbone';
import { loadCatalogue } from '@joinedup/contracts';
import { setLogLevel } from '@joinedup/logging';
import { caseUpdate } from './sample-events';
import { recordSideEffect, SIDE_EFFECT_MIGRATIONS } from './side-effects';
import { createBackboneApp, HandlerProbe, startConsuming } from './test-app';

export interface ConsumerAppEnv {
  BACKBONE_BOOTSTRAP: string;
  BACKBONE_REGISTRY_URL: string;
  BACKBONE_CONTRACTS_DIR: string;
  BACKBONE_GROUP_ID: string;
  /** PostgreSQL URL, or empty for SQLite at BACKBONE_SQLITE_PATH. */
  BACKBONE_DATABASE_URL: string;
  BACKBONE_SQLITE_PATH: string;
  /** Time each handler takes inside its transaction, in ms. */
  BACKBONE_HANDLER_DELAY_MS: string;
  /** "1": load everything, print {"event":"loaded"}, and join the group only on SIGUSR2. */
  BACKBONE_JOIN_ON_SIGNAL: string;
}

function line(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(fields)}\n`);
}

async function main(): Promise<void> {
  setLogLevel('error');
  const env = process.env as unknown as ConsumerAppEnv;
  const groupId = env.BACKBONE_GROUP_ID;
  const delayMs = Number(env.BACKBONE_HANDLER_DELAY_MS || '0');
  const catalogue = loadCatalogue(env.BACKBONE_CONTRACTS_DIR);
  const options: BackboneOptions = {
    kafka: { brokers: [env.BACKBONE_BOOTSTRAP], clientId: `consumer-app-${process.pid}` },
    registry: { url: env.BACKBONE_REGISTRY_URL },
    groupId,
    contractsDir: env.BACKBONE_CONTRACTS_DIR,
    pseudonymKey: '11'.repeat(32),
    database: {
      url: env.BACKBONE_DATABASE_URL || undefined,
      sqlitePath: env.BACKBONE_SQLITE_PATH,
      migrations: SIDE_EFFECT_MIGRATIONS,
    },
    consumer: {
      sessionTimeoutMs: 3000,
      heartbeatIntervalMs: 300,
      rebalanceTimeoutMs: 10_000,
      maxWaitTimeMs: 100,
    },
    relay: { pollIntervalMs: 100 },
    lagRefreshIntervalMs: 0,
  };
  const probe = new HandlerProbe();
  probe.behaviour = async (event, context) => {
    line({ event: 'handling', eventId: event.eventId, partition: context.partition });
    await recordSideEffect(context.transaction(), event.eventId, groupId);
    await context.publish(caseUpdate(catalogue, `AV-${event.eventId.slice(0, 8)}`));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  };
  const app = await createBackboneApp(options, probe);
  if (env.BACKBONE_JOIN_ON_SIGNAL === '1') {
    line({ event: 'loaded' });
    // A signal listener does not keep Node running; this timer does until the signal comes.
    const alive = setInterval(() => undefined, 60_000);
    await new Promise((resolve) => process.once('SIGUSR2', resolve));
    clearInterval(alive);
  }
  await startConsuming(app);
  line({ event: 'ready' });
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
