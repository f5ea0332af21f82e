import { INestApplication } from '@nestjs/common';
import { EventPublisher, RemoteCallError } from '@joinedup/backbone';
import type { MissedCollectionReported } from '@joinedup/contracts';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { metricValue } from './support/metrics';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(60_000);

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => c.repeat(64));

describe('the backbone consumer: order and retries', () => {
  const harness = new BackboneHarness();
  const probe = new HandlerProbe();
  let scope: BackboneScope;
  let app: INestApplication | undefined;

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(async () => {
    scope = await harness.scope(['MissedCollectionReported', 'ContainerRequested']);
    probe.calls.length = 0;
    probe.behaviour = () => undefined;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  function missed(key: string, reference: string): MissedCollectionReported {
    const sample = scope.sample('MissedCollectionReported');
    return { ...sample, subjectKey: key, payload: { ...sample.payload, caseReference: reference } };
  }

  it('handles the events of each key in the order they were published, each once', async () => {
    app = await startBackboneApp(scope.options(), probe);
    const publisher = app.get(EventPublisher);
    const published: MissedCollectionReported[] = [];
    for (let i = 0; i < 10; i++) {
      const round = KEYS.slice(0, 3).map((key, k) => missed(key, `WR-${k}-${i}`));
      published.push(...round);
      await publisher.publish(round);
    }

    await waitFor(() => probe.calls.length >= 30, '30 handled events');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.calls).toHaveLength(30);
    expect(new Set(probe.handledIds()).size).toBe(30);
    const referenceOf = new Map(published.map((e) => [e.eventId, e.payload.caseReference]));
    for (let k = 0; k < 3; k++) {
      const calls = probe.calls.filter((c) => referenceOf.get(c.eventId)!.startsWith(`WR-${k}-`));
      expect(calls.map((c) => referenceOf.get(c.eventId))).toEqual(
        Array.from({ length: 10 }, (_, i) => `WR-${k}-${i}`),
      );
      expect(new Set(calls.map((c) => c.partition)).size).toBe(1);
    }
  });

  it('retries a retriable failure with backoff, then succeeds without a dead letter', async () => {
    probe.behaviour = (_event, context) => {
      if (context.attempt < 3) throw new RemoteCallError('council-crm', 503);
    };
    const options = scope.options({ retry: { maxAttempts: 4, initialDelayMs: 50 } });
    app = await startBackboneApp(options, probe);
    const event = missed(KEYS[0], 'WR-retry');
    await app.get(EventPublisher).publish(event);

    await waitFor(() => probe.calls.length === 3, 'three attempts');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(probe.calls.every((c) => c.eventId === event.eventId)).toBe(true);
    const topic = scope.topic('MissedCollectionReported');
    const group = { group: options.groupId, topic };
    expect(await metricValue(app, 'joinedup_events_retried_total', group)).toBe(2);
    expect(await metricValue(app, 'joinedup_events_consumed_total', group)).toBe(1);
    expect(await metricValue(app, 'joinedup_events_dead_lettered_total', group)).toBe(0);
    expect(await scope.endOffsetTotal(`${topic}.dlq`)).toBe(0);
  });

  it("keeps other partitions flowing while one partition's event backs off", async () => {
    const retryingFor = 2000;
    let firstFailure = 0;
    let recoveredAt = 0;
    const stuckEvent = missed(KEYS[0], 'WR-stuck');
    probe.behaviour = (event, context) => {
      if (event.eventId !== stuckEvent.eventId) return;
      firstFailure ||= Date.now();
      if (Date.now() - firstFailure < retryingFor) {
        throw new RemoteCallError('council-crm', 429, { cause: context.attempt });
      }
      recoveredAt = Date.now();
    };
    const options = scope.options({
      retry: { maxAttempts: 1000, initialDelayMs: 50, maxDelayMs: 200 },
    });
    app = await startBackboneApp(options, probe);
    const publisher = app.get(EventPublisher);
    await publisher.publish(stuckEvent);
    const others = Array.from({ length: 12 }, (_, i) =>
      missed(`${i}`.padStart(64, '7'), `WR-o${i}`),
    );
    await publisher.publish(others);

    await waitFor(() => recoveredAt > 0, 'the stuck event to succeed', 15_000);
    await waitFor(() => new Set(probe.handledIds()).size === 13, 'every event handled');
    const stuckPartition = probe.calls.find((c) => c.eventId === stuckEvent.eventId)!.partition;
    const otherIds = new Set(others.map((e) => e.eventId));
    const elsewhere = probe.calls.filter(
      (c) => otherIds.has(c.eventId) && c.partition !== stuckPartition,
    );
    const behind = probe.calls.filter(
      (c) => otherIds.has(c.eventId) && c.partition === stuckPartition,
    );

    expect(elsewhere.length).toBeGreaterThan(0);
    for (const call of elsewhere) expect(call.startedAt).toBeLessThan(recoveredAt);
    // Order within the stuck partition holds: nothing behind the stuck event overtakes it.
    for (const call of behind) expect(call.startedAt).toBeGreaterThanOrEqual(recoveredAt);
    expect(
      await metricValue(app, 'joinedup_events_retried_total', { group: options.groupId }),
    ).toBe(probe.calls.filter((c) => c.attempt > 1).length);
  });
});
