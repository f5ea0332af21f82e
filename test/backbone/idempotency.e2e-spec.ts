import { INestApplication } from '@nestjs/common';
import { BackboneRuntime, EventPublisher, RemoteCallError } from '@joinedup/backbone';
import { headerText } from '@joinedup/kafka';
import { describeEachDatabase } from '../support/databases';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { metricValue } from './support/metrics';
import { recordSideEffect, SIDE_EFFECT_MIGRATIONS, sideEffectCounts } from './support/side-effects';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(90_000);

const KEY = '3'.repeat(64);

describeEachDatabase('the idempotent consumer with its outbox', (db) => {
  const harness = new BackboneHarness();
  const probe = new HandlerProbe();
  let scope: BackboneScope;
  let app: INestApplication | undefined;

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(async () => {
    scope = await harness.scope([
      'MissedCollectionReported',
      'ContainerRequested',
      'CaseStatusChanged',
    ]);
    probe.calls.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  function options(overrides = {}) {
    return scope.options({
      database: { ...db.options(), migrations: SIDE_EFFECT_MIGRATIONS },
      relay: { pollIntervalMs: 100 },
      ...overrides,
    });
  }

  /** Writes a row and derives a CaseStatusChanged, both in the handler's transaction. */
  function writeAndDerive(groupId: string): void {
    probe.behaviour = async (event, context) => {
      await recordSideEffect(context.transaction(), event.eventId, groupId);
      await context.publish(scope.caseUpdate(`AV-${event.eventId.slice(0, 8)}`));
    };
  }

  it('applies a redelivered event once and publishes its derived event once', async () => {
    const opts = options();
    writeAndDerive(opts.groupId);
    app = await startBackboneApp(opts, probe);
    const twice = scope.sample('MissedCollectionReported', { subjectKey: KEY });
    const once = scope.sample('MissedCollectionReported', { subjectKey: KEY });
    const publisher = app.get(EventPublisher);
    await publisher.publish(twice);
    await publisher.publish([twice, once]);

    const derived = await scope.read(scope.topic('CaseStatusChanged'), 2);
    const source = scope.topic('MissedCollectionReported');
    await waitFor(async () => (await scope.committedTotal(opts.groupId, source)) === 3, 'commits');
    const ds = app.get(BackboneRuntime).database!.dataSource;
    expect(Object.fromEntries(await sideEffectCounts(ds, opts.groupId))).toEqual({
      [twice.eventId]: 1,
      [once.eventId]: 1,
    });
    expect(probe.handledIds()).toEqual([twice.eventId, once.eventId]);
    expect(derived.map((r) => headerText(r.headers, 'causationId')).sort()).toEqual(
      [twice.eventId, once.eventId].sort(),
    );
    expect(await scope.endOffsetTotal(scope.topic('CaseStatusChanged'))).toBe(2);
    const labels = { group: opts.groupId, topic: source };
    expect(await metricValue(app, 'joinedup_events_duplicate_total', labels)).toBe(1);
    expect(await metricValue(app, 'joinedup_events_consumed_total', labels)).toBe(2);
  });

  it('rolls back a failed attempt, so the retry writes and derives exactly once', async () => {
    const opts = options({ retry: { maxAttempts: 3, initialDelayMs: 20 } });
    probe.behaviour = async (event, context) => {
      await recordSideEffect(context.transaction(), event.eventId, opts.groupId);
      await context.publish(scope.caseUpdate('AV-retried'));
      if (context.attempt === 1) throw new RemoteCallError('council-crm', 502);
    };
    app = await startBackboneApp(opts, probe);
    const event = scope.sample('MissedCollectionReported');
    await app.get(EventPublisher).publish(event);

    await scope.read(scope.topic('CaseStatusChanged'), 1);
    await waitFor(() => probe.calls.length === 2, 'two attempts');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ds = app.get(BackboneRuntime).database!.dataSource;
    expect(Object.fromEntries(await sideEffectCounts(ds, opts.groupId))).toEqual({
      [event.eventId]: 1,
    });
    expect(await scope.endOffsetTotal(scope.topic('CaseStatusChanged'))).toBe(1);
  });

  it('commits a producer transaction: the state change and its events together', async () => {
    app = await startBackboneApp(options(), probe);
    const publisher = app.get(EventPublisher);
    const event = scope.sample('MissedCollectionReported');
    await expect(
      publisher.withTransaction(async (tx, publish) => {
        await recordSideEffect(tx, event.eventId, 'api');
        await publish(event);
        throw new Error('the request was refused after all');
      }),
    ).rejects.toThrow('refused');
    await publisher.withTransaction(async (tx, publish) => {
      await recordSideEffect(tx, event.eventId, 'api');
      await publish(event);
    });

    const [record] = await scope.read(scope.topic('MissedCollectionReported'), 1);
    expect(headerText(record.headers, 'eventId')).toBe(event.eventId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await scope.endOffsetTotal(scope.topic('MissedCollectionReported'))).toBe(1);
    const ds = app.get(BackboneRuntime).database!.dataSource;
    expect(Object.fromEntries(await sideEffectCounts(ds, 'api'))).toEqual({ [event.eventId]: 1 });
  });
});
