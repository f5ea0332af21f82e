import { INestApplication } from '@nestjs/common';
import { AvroSerde } from '@joinedup/avro';
import { BackboneMetrics, EventPublisher, parseTraceparent } from '@joinedup/backbone';
import type { CaseStatusChanged } from '@joinedup/contracts';
import { headerText } from '@joinedup/kafka';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { metricValue } from './support/metrics';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(60_000);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const INCOMING = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('the backbone: trace context, derived events and metrics', () => {
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
      'BulkyCollectionBooked',
      'CaseStatusChanged',
    ]);
    probe.calls.length = 0;
    probe.behaviour = () => undefined;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('carries the trace to derived events and sets their correlation and causation', async () => {
    app = await startBackboneApp(scope.options(), probe);
    const publisher = app.get(EventPublisher);
    probe.behaviour = async (_event, context) => {
      await context.publish(scope.caseUpdate('AV-1'));
      await context.publish([scope.caseUpdate('AV-2')]);
    };
    const source = scope.sample('MissedCollectionReported', { correlationId: 'corr-42' });
    const [report] = await publisher.publish(source, {
      traceparent: INCOMING,
      tracestate: 'congo=t61rcWkgMzE',
    });

    const [consumed] = await scope.read(scope.topic('MissedCollectionReported'), 1);
    const derived = await scope.read(scope.topic('CaseStatusChanged'), 2);
    const sourceTrace = parseTraceparent(headerText(consumed.headers, 'traceparent'))!;
    expect(report.traceparent).toBe(headerText(consumed.headers, 'traceparent'));
    expect(sourceTrace).toMatchObject({ traceId: TRACE_ID, flags: 1 });
    expect(sourceTrace.spanId).not.toBe('00f067aa0ba902b7');

    const serde = new AvroSerde({ registry: { url: harness.registry.url } });
    const spans = new Set<string>([sourceTrace.spanId, '00f067aa0ba902b7']);
    for (const record of derived) {
      const event = await serde.decode<CaseStatusChanged>(record.value!);
      expect(event.correlationId).toBe('corr-42');
      expect(event.causationId).toBe(source.eventId);
      expect(event.subjectKey).toMatch(/^[0-9a-f]{64}$/);
      expect(record.key?.toString()).toBe(event.subjectKey);
      expect(headerText(record.headers, 'correlationId')).toBe('corr-42');
      expect(headerText(record.headers, 'causationId')).toBe(source.eventId);
      expect(headerText(record.headers, 'eventId')).toBe(event.eventId);
      expect(headerText(record.headers, 'tracestate')).toBe('congo=t61rcWkgMzE');
      const trace = parseTraceparent(headerText(record.headers, 'traceparent'))!;
      expect(trace.traceId).toBe(TRACE_ID);
      expect(spans.has(trace.spanId)).toBe(false);
      spans.add(trace.spanId);
    }
  });

  it('starts a new trace and chain for an event published outside a handler', async () => {
    app = await startBackboneApp(scope.options(), probe);
    const { correlationId, ...withoutCorrelation } = scope.sample('MissedCollectionReported');
    void correlationId;
    const [report] = await app.get(EventPublisher).publish(withoutCorrelation);

    const [record] = await scope.read(scope.topic('MissedCollectionReported'), 1);
    expect(report.correlationId).toBe(report.eventId);
    expect(report.causationId).toBeNull();
    expect(headerText(record.headers, 'causationId')).toBeUndefined();
    expect(parseTraceparent(headerText(record.headers, 'traceparent'))?.traceId).not.toBe(TRACE_ID);
  });

  it('counts consumed, retried, dead-lettered, skipped and produced events and the lag', async () => {
    const options = scope.options({ retry: { maxAttempts: 2 } });
    const doomed = scope.sample('MissedCollectionReported');
    probe.behaviour = (event) => {
      if (event.eventId === doomed.eventId) throw new Error('a bug nobody classified');
    };
    app = await startBackboneApp(options, probe);
    const good = Array.from({ length: 5 }, () => scope.sample('MissedCollectionReported'));
    const unclaimed = scope.sample('BulkyCollectionBooked');
    await app.get(EventPublisher).publish([...good, unclaimed, doomed]);

    const topic = scope.topic('MissedCollectionReported');
    const labels = { group: options.groupId, topic };
    await waitFor(
      async () => (await metricValue(app!, 'joinedup_events_dead_lettered_total', labels)) === 1,
      'the dead letter',
    );
    await waitFor(
      async () => (await metricValue(app!, 'joinedup_events_consumed_total', labels)) === 5,
      'five consumed',
    );
    expect(
      await metricValue(app, 'joinedup_events_skipped_total', { ...labels, reason: 'unclaimed' }),
    ).toBe(1);
    expect(await metricValue(app, 'joinedup_events_retried_total', labels)).toBe(1);
    expect(await metricValue(app, 'joinedup_events_duplicate_total', labels)).toBe(0);
    expect(await metricValue(app, 'joinedup_handler_duration_seconds', labels)).toBe(7);
    expect(await metricValue(app, 'joinedup_events_produced_total', { topic })).toBe(7);
    expect(
      await metricValue(app, 'joinedup_events_produced_total', { topic: `${topic}.dlq` }),
    ).toBe(1);
    expect(probe.calls.some((c) => c.eventType === 'BulkyCollectionBooked')).toBe(false);

    await waitFor(
      async () => (await scope.committedTotal(options.groupId, topic)) === 7,
      'commits',
    );
    await waitFor(async () => {
      const exposition = await app!.get(BackboneMetrics).exposition();
      const lags = exposition.split('\n').filter((l) => l.startsWith('joinedup_consumer_lag{'));
      return lags.length === 3 && lags.every((l) => l.endsWith(' 0'));
    }, 'the lag of every partition to fall to 0');
  });

  it('dead-letters an unclaimed event type under the dead-letter policy', async () => {
    const options = scope.options({ unclaimedEvents: 'dead-letter' });
    app = await startBackboneApp(options, probe);
    const unclaimed = scope.sample('BulkyCollectionBooked');
    await app.get(EventPublisher).publish(unclaimed);

    const [letter] = await scope.read(`${scope.topic('BulkyCollectionBooked')}.dlq`, 1);
    expect(headerText(letter.headers, '__connect.errors.exception.class.name')).toBe(
      'UnclaimedEventError',
    );
    expect(headerText(letter.headers, 'eventType')).toBe('BulkyCollectionBooked');
    expect(probe.calls).toHaveLength(0);
  });
});
