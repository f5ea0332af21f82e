import { INestApplication } from '@nestjs/common';
import {
  EventPublisher,
  EventRejectedError,
  redriveDeadLetters,
  RemoteCallError,
} from '@joinedup/backbone';
import type { MissedCollectionReported } from '@joinedup/contracts';
import { ConsumedRecord, headerText } from '@joinedup/kafka';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { metricValue } from './support/metrics';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(60_000);

const KEY = '5'.repeat(64);

describe('the backbone consumer: dead letters and redrive', () => {
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

  const topic = (): string => scope.topic('MissedCollectionReported');
  const missed = (reference: string): MissedCollectionReported => {
    const sample = scope.sample('MissedCollectionReported');
    return { ...sample, subjectKey: KEY, payload: { ...sample.payload, caseReference: reference } };
  };

  it('dead-letters an event whose retries are exhausted, with every error header, and moves on', async () => {
    const failing = missed('WR-fails');
    const after = missed('WR-after');
    probe.behaviour = (event) => {
      if (event.eventId === failing.eventId) throw new RemoteCallError('council-crm', 503);
    };
    const options = scope.options({ retry: { maxAttempts: 3 } });
    app = await startBackboneApp(options, probe);
    await app.get(EventPublisher).publish([failing, after], {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'congo=t61rcWkgMzE',
    });

    const [original] = await scope.read(topic(), 1);
    const [letter] = await scope.read(`${topic()}.dlq`, 1);
    await waitFor(() => probe.handledIds().includes(after.eventId), 'the next event handled');

    expect(probe.calls.filter((c) => c.eventId === failing.eventId).map((c) => c.attempt)).toEqual([
      1, 2, 3,
    ]);
    expect(letter.key).toEqual(original.key);
    expect(letter.value).toEqual(original.value);
    for (const name of Object.keys(original.headers)) {
      expect(headerText(letter.headers, name)).toBe(headerText(original.headers, name));
    }
    expect(headers(letter)).toMatchObject({
      '__connect.errors.topic': topic(),
      '__connect.errors.partition': String(original.partition),
      '__connect.errors.offset': original.offset,
      '__connect.errors.connector.name': options.groupId,
      '__connect.errors.stage': 'TASK_PUT',
      '__connect.errors.exception.class.name': 'RemoteCallError',
      '__connect.errors.exception.message': 'the call to council-crm was answered with HTTP 503',
      'joinedup.errors.consumer.group': options.groupId,
      'joinedup.errors.attempts': '3',
      'joinedup.errors.code': 'REMOTE_CALL_FAILED',
      'joinedup.errors.retriable': 'true',
      eventId: failing.eventId,
      tracestate: 'congo=t61rcWkgMzE',
    });
    expect(headers(letter)['__connect.errors.exception.stacktrace']).toMatch(
      /^RemoteCallError: the call to council-crm[\s\S]*\n\s+at /,
    );
    expect(Date.parse(headers(letter)['joinedup.errors.timestamp'])).not.toBeNaN();
    await waitFor(
      async () => (await scope.committedTotal(options.groupId, topic())) === 2,
      'the offset committed past both events',
    );
    const labels = { group: options.groupId, topic: topic() };
    expect(await metricValue(app, 'joinedup_events_dead_lettered_total', labels)).toBe(1);
    expect(await metricValue(app, 'joinedup_events_retried_total', labels)).toBe(2);
  });

  it('dead-letters a non-retriable failure at once', async () => {
    const rejected = missed('WR-rejected');
    probe.behaviour = () => {
      throw new EventRejectedError('the case is closed');
    };
    app = await startBackboneApp(scope.options(), probe);
    await app.get(EventPublisher).publish(rejected);

    const [letter] = await scope.read(`${topic()}.dlq`, 1);
    expect(probe.calls).toHaveLength(1);
    expect(headers(letter)).toMatchObject({
      '__connect.errors.exception.class.name': 'EventRejectedError',
      'joinedup.errors.attempts': '1',
      'joinedup.errors.retriable': 'false',
      'joinedup.errors.code': 'EVENT_REJECTED',
    });
  });

  it('dead-letters undecodable bytes without stopping the partition', async () => {
    const garbage = Buffer.from('this is not Avro');
    await scope.produceRaw(topic(), [
      { key: KEY, value: garbage, headers: { eventType: 'MissedCollectionReported' } },
      { key: KEY, value: Buffer.from([0, 0, 0, 0, 99, 1, 2]) },
    ]);
    app = await startBackboneApp(scope.options(), probe);
    const good = [missed('WR-good-1'), missed('WR-good-2')];
    await app.get(EventPublisher).publish(good);

    const letters = await scope.read(`${topic()}.dlq`, 2);
    await waitFor(() => probe.calls.length === 2, 'the good events handled');
    expect(probe.handledIds()).toEqual(good.map((e) => e.eventId));
    const byOffset = letters.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(byOffset[0].value).toEqual(garbage);
    expect(headers(byOffset[0])).toMatchObject({
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.exception.class.name': 'WireFormatError',
      '__connect.errors.offset': '0',
      'joinedup.errors.retriable': 'false',
    });
    // Schema id 99 is not in the registry: a 404 is as permanent as bad bytes.
    expect(headers(byOffset[1])).toMatchObject({
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.offset': '1',
      'joinedup.errors.retriable': 'false',
    });
  });

  it('redrives dead letters to their topic once, without the error headers', async () => {
    let broken = true;
    const event = missed('WR-redrive');
    probe.behaviour = () => {
      if (broken) throw new EventRejectedError('the lookup table is missing a service');
    };
    const options = scope.options();
    app = await startBackboneApp(options, probe);
    await app.get(EventPublisher).publish(event);
    const [letter] = await scope.read(`${topic()}.dlq`, 1);

    broken = false;
    const kafka = { brokers: [harness.bootstrap], clientId: 'backbone-e2e-redrive' };
    const report = await redriveDeadLetters({ kafka, dlqTopic: `${topic()}.dlq` });
    expect(report).toEqual({
      dlqTopic: `${topic()}.dlq`,
      read: 1,
      redriven: 1,
      skipped: 0,
      byTopic: { [topic()]: 1 },
    });
    await waitFor(() => probe.calls.length === 2, 'the redriven event handled');
    const [, redriven] = (await scope.read(topic(), 2)).sort(
      (a, b) => Number(a.offset) - Number(b.offset),
    );
    expect(headerText(redriven.headers, 'joinedup.redriven-from')).toBe(
      `${topic()}.dlq/${letter.partition}/${letter.offset}`,
    );
    expect(Object.keys(redriven.headers).filter((h) => h.includes('errors.'))).toEqual([]);
    expect(headerText(redriven.headers, 'eventId')).toBe(event.eventId);

    const again = await redriveDeadLetters({ kafka, dlqTopic: `${topic()}.dlq` });
    expect(again).toMatchObject({ read: 0, redriven: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.calls).toHaveLength(2);
  });
});

function headers(record: ConsumedRecord): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record.headers).map((name) => [name, headerText(record.headers, name) ?? '']),
  );
}
