import { INestApplication } from '@nestjs/common';
import { BackboneOptions, BackboneRuntime, EventPublisher } from '@joinedup/backbone';
import { headerText, KafkaAdmin } from '@joinedup/kafka';
import { describeEachDatabase } from '../support/databases';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { ConsumerProcess } from './support/consumer-process';
import { recordSideEffect, SIDE_EFFECT_MIGRATIONS, sideEffectCounts } from './support/side-effects';
import {
  Behaviour,
  createBackboneApp,
  HandlerProbe,
  startBackboneApp,
  startConsuming,
  waitFor,
} from './support/test-app';

interface SecondMember {
  join(): Promise<void>;
  handled(): number;
  stop(): Promise<void>;
}

jest.setTimeout(120_000);

const EVENTS = 40;
const DELAY_MS = 100;

describeEachDatabase('a rebalance while a batch is in flight', (db) => {
  const harness = new BackboneHarness();
  let scope: BackboneScope;
  const apps: INestApplication[] = [];

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(async () => {
    scope = await harness.scope(
      ['MissedCollectionReported', 'ContainerRequested', 'CaseStatusChanged'],
      3,
    );
  });
  let second: SecondMember | undefined;
  afterEach(async () => {
    await second?.stop();
    second = undefined;
    for (const app of apps.splice(0)) await app.close();
  });

  /**
   * On PostgreSQL the second member is a process of its own, as a second instance of an app
   * would be. SQLite takes one writing process, so there it is a second app in the same
   * process sharing the first one's database connection.
   */
  async function secondMember(options: BackboneOptions, slow: Behaviour): Promise<SecondMember> {
    if (db.kind === 'postgres') {
      const child = await ConsumerProcess.start(
        harness,
        scope,
        options.groupId,
        db.options(),
        DELAY_MS,
        true,
      );
      return {
        join: () => child.join(),
        handled: () => child.handling().length,
        stop: () => child.stop(),
      };
    }
    const probe = new HandlerProbe();
    probe.behaviour = slow;
    const shared = { dataSource: apps[0].get(BackboneRuntime).database!.dataSource };
    const app = await createBackboneApp({ ...options, database: shared }, probe);
    return {
      join: () => startConsuming(app),
      handled: () => probe.calls.length,
      stop: () => app.close(),
    };
  }

  it('loses no event and commits no offset before its work is durable', async () => {
    const options = scope.options({
      database: { ...db.options(), migrations: SIDE_EFFECT_MIGRATIONS },
    });
    const slow: Behaviour = async (event, context) => {
      await recordSideEffect(context.transaction(), event.eventId, options.groupId);
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    };
    const first = new HandlerProbe();
    first.behaviour = slow;
    apps.push(await startBackboneApp(options, first));
    second = await secondMember(options, slow);
    const events = Array.from({ length: EVENTS }, (_, i) =>
      scope.sample('MissedCollectionReported', { subjectKey: `${i % 6}`.repeat(64) }),
    );
    await apps[0].get(EventPublisher).publish(events);
    const topic = scope.topic('MissedCollectionReported');
    const position = new Map(
      (await scope.read(topic, EVENTS)).map((r) => [
        `${r.partition}/${r.offset}`,
        headerText(r.headers, 'eventId')!,
      ]),
    );
    const ds = apps[0].get(BackboneRuntime).database!.dataSource;
    const auditor = new CommitAuditor(harness.bootstrap, options.groupId, topic, position, () =>
      sideEffectCounts(ds, options.groupId),
    );
    auditor.start();
    try {
      await waitFor(() => first.calls.length >= 3, 'the first member to be mid-batch');
      await second.join();
      const allDone = async () => (await sideEffectCounts(ds, options.groupId)).size === EVENTS;
      await waitFor(allDone, 'every event handled', 60_000);
      await waitFor(
        async () => (await scope.committedTotal(options.groupId, topic)) === EVENTS,
        'every offset committed',
      );
    } finally {
      await auditor.stop();
    }

    const counts = await sideEffectCounts(ds, options.groupId);
    expect([...counts.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(first.calls.length).toBeGreaterThan(0);
    expect(second.handled()).toBeGreaterThan(0);
    expect(auditor.samples).toBeGreaterThan(5);
    expect(auditor.violations).toEqual([]);
    expect(await scope.endOffsetTotal(`${topic}.dlq`)).toBe(0);
  });
});

/**
 * Samples the group's committed offsets while the consumers run and checks that every record
 * below a committed offset already has its side effect in the database. The offsets are read
 * first: rows only ever get added, so a row missing after the read was missing at the commit.
 */
class CommitAuditor {
  readonly violations: string[] = [];
  samples = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly admin: KafkaAdmin;

  constructor(
    bootstrap: string,
    private readonly groupId: string,
    private readonly topic: string,
    private readonly eventAt: Map<string, string>,
    private readonly durable: () => Promise<Map<string, number>>,
  ) {
    this.admin = new KafkaAdmin({ brokers: [bootstrap], clientId: 'backbone-e2e-auditor' });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.admin.disconnect();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const committed = await this.admin.committedOffsets(this.groupId, [this.topic]);
      const rows = await this.durable();
      this.samples += 1;
      for (const { partition, offset } of committed) {
        for (let o = 0; o < Number(offset); o++) {
          const eventId = this.eventAt.get(`${partition}/${o}`);
          if (eventId !== undefined && !rows.has(eventId)) {
            this.violations.push(`offset ${o} of partition ${partition} committed before its row`);
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }
}
