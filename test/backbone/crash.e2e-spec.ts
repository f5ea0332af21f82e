import { BackboneRuntime } from '@joinedup/backbone';
import { ConsumedRecord, headerText } from '@joinedup/kafka';
import { openDatabase } from '@joinedup/persistence';
import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../support/databases';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { ConsumerProcess } from './support/consumer-process';
import { SIDE_EFFECT_MIGRATIONS, sideEffectCounts } from './support/side-effects';
import { waitFor } from './support/test-app';

jest.setTimeout(180_000);

const EVENTS = 60;
const HANDLER_DELAY_MS = 30;

describeEachDatabase('a consumer killed with SIGKILL mid-batch', (db) => {
  const harness = new BackboneHarness();
  let scope: BackboneScope;
  let consumer: ConsumerProcess | undefined;
  let ds: DataSource | undefined;

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  beforeEach(async () => {
    scope = await harness.scope([
      'MissedCollectionReported',
      'ContainerRequested',
      'CaseStatusChanged',
    ]);
  });
  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await ds?.destroy();
    ds = undefined;
  });

  it('after a restart has handled every event once and relayed each derived event once', async () => {
    const groupId = scope.groupId('crash');
    ds = await openDatabase({ ...db.options(), migrations: SIDE_EFFECT_MIGRATIONS });
    consumer = await ConsumerProcess.start(harness, scope, groupId, db.options(), HANDLER_DELAY_MS);
    const events = Array.from({ length: EVENTS }, (_, i) =>
      scope.sample('MissedCollectionReported', { subjectKey: `${i % 9}`.repeat(64) }),
    );
    const producer = new BackboneRuntime(scope.options({ groupId: scope.groupId('producer') }));
    await producer.publisher.publish(events);
    await producer.close();

    await waitFor(() => consumer!.handling().length >= EVENTS / 3, 'the consumer a third through');
    expect(await consumer.kill()).toBeNull();
    const beforeCrash = await sideEffectCounts(ds, groupId);
    expect(beforeCrash.size).toBeGreaterThan(0);
    expect(beforeCrash.size).toBeLessThan(EVENTS);

    consumer = await ConsumerProcess.start(harness, scope, groupId, db.options(), HANDLER_DELAY_MS);
    const rows = async () => sideEffectCounts(ds!, groupId);
    await waitFor(async () => (await rows()).size === EVENTS, 'every event handled', 90_000);
    await waitFor(
      async () =>
        (await scope.committedTotal(groupId, scope.topic('MissedCollectionReported'))) === EVENTS,
      'every offset committed',
      30_000,
    );

    const counts = await rows();
    expect([...counts.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);

    const derived = await scope.readUntil(
      scope.topic('CaseStatusChanged'),
      (records) => distinct(records, 'causationId').size === EVENTS,
      60_000,
    );
    expect([...distinct(derived, 'causationId')].sort()).toEqual(
      events.map((e) => e.eventId).sort(),
    );
    // A relay crash between publish and mark-sent may publish an event twice, with the same
    // id; after dropping those duplicates each consumed event has exactly one derived event.
    const idsPerCause = new Map<string, Set<string>>();
    for (const record of derived) {
      const cause = headerText(record.headers, 'causationId')!;
      const ids = idsPerCause.get(cause) ?? new Set<string>();
      ids.add(headerText(record.headers, 'eventId')!);
      idsPerCause.set(cause, ids);
    }
    expect([...idsPerCause.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect(await scope.endOffsetTotal(`${scope.topic('MissedCollectionReported')}.dlq`)).toBe(0);
  });
});

function distinct(records: readonly ConsumedRecord[], header: string): Set<string> {
  return new Set(records.map((r) => headerText(r.headers, header) ?? ''));
}
