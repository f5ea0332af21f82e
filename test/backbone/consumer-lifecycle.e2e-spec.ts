import { INestApplication } from '@nestjs/common';
import { BackboneHealthIndicator, EventPublisher, JoinedUpServer } from '@joinedup/backbone';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(60_000);

const KEY = '9'.repeat(64);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the backbone consumer: heartbeats, shutdown and health', () => {
  const harness = new BackboneHarness();
  const probe = new HandlerProbe();
  let scope: BackboneScope;
  const apps: INestApplication[] = [];

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(async () => {
    scope = await harness.scope(['MissedCollectionReported', 'ContainerRequested'], 1);
    probe.calls.length = 0;
    probe.behaviour = () => undefined;
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function start(options = scope.options()): Promise<INestApplication> {
    const app = await startBackboneApp(options, probe);
    apps.push(app);
    return app;
  }

  it('heartbeats through a handler that runs longer than the session timeout', async () => {
    const options = scope.options({
      consumer: { sessionTimeoutMs: 1500, heartbeatIntervalMs: 200, rebalanceTimeoutMs: 3000 },
    });
    let finished = 0;
    probe.behaviour = async () => {
      await sleep(4000);
      finished += 1;
    };
    const app = await start(options);
    await app.get(EventPublisher).publish(scope.sample('MissedCollectionReported'));

    const topic = scope.topic('MissedCollectionReported');
    await waitFor(async () => (await scope.committedTotal(options.groupId, topic)) === 1, 'commit');
    await sleep(500);
    // Without heartbeats the member would have been dropped after 1.5 s: its commit refused
    // and the event handled a second time after it rejoined.
    expect(finished).toBe(1);
    expect(probe.calls).toHaveLength(1);
    expect(app.get(JoinedUpServer).consumerStatus()).toMatchObject({ joined: true, running: true });
  });

  it('drains the handler in flight on close, commits it and leaves the rest for the group', async () => {
    const options = scope.options();
    const finished: string[] = [];
    probe.behaviour = async (event) => {
      await sleep(1500);
      finished.push(event.eventId);
    };
    const app = await start(options);
    const events = Array.from({ length: 3 }, () =>
      scope.sample('MissedCollectionReported', { subjectKey: KEY }),
    );
    await app.get(EventPublisher).publish(events);
    await waitFor(() => probe.calls.length === 1, 'the first handler to start');

    await apps.splice(apps.indexOf(app), 1)[0].close();
    expect(finished).toEqual([events[0].eventId]);
    expect(probe.calls).toHaveLength(1);
    const topic = scope.topic('MissedCollectionReported');
    expect(await scope.committedTotal(options.groupId, topic)).toBe(1);

    probe.behaviour = () => undefined;
    const started = Date.now();
    await start(options);
    await waitFor(() => probe.calls.length === 3, 'the other two handled by the next member');
    expect(probe.handledIds()).toEqual(events.map((e) => e.eventId));
    // It left the group: the next member did not wait out the old one's session timeout.
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('reports up with its details while consuming, and down once closed', async () => {
    const options = scope.options({ health: { maxFetchAgeMs: 5000 } });
    const app = await start(options);
    const health = app.get(BackboneHealthIndicator);
    await waitFor(async () => (await health.checkHealth()).status === 'up', 'health up');

    const report = await health.checkHealth();
    expect(report.details.producer).toEqual({ status: 'up', connected: true });
    expect(report.details.consumer).toMatchObject({
      status: 'up',
      groupId: options.groupId,
      joined: true,
      assignment: [{ topic: scope.topic('MissedCollectionReported'), partitions: [0] }],
    });
    expect(report.details.consumer?.lastFetchAgeMs).toBeLessThan(5000);
    expect(report.details.outbox).toBeUndefined();

    await apps.splice(apps.indexOf(app), 1)[0].close();
    const after = await health.checkHealth();
    expect(after.status).toBe('down');
    expect(after.details.consumer).toMatchObject({ status: 'down', joined: false });
    expect(after.details.producer.connected).toBe(false);
  });
});
