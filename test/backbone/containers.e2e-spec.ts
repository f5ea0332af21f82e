import { INestApplication } from '@nestjs/common';
import { KafkaContainer, StartedKafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer, StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { BackboneRuntime, EventPublisher, EventRejectedError } from '@joinedup/backbone';
import { headerText } from '@joinedup/kafka';
import { BackboneHarness, BackboneScope } from './support/backbone-harness';
import { describeWithDocker } from './support/docker';
import { recordSideEffect, SIDE_EFFECT_MIGRATIONS, sideEffectCounts } from './support/side-effects';
import { HandlerProbe, startBackboneApp, waitFor } from './support/test-app';

jest.setTimeout(300_000);

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.6.1';
const POSTGRES_IMAGE = 'postgres:16-alpine';

describeWithDocker('the backbone against Kafka and PostgreSQL in containers', () => {
  let kafka: StartedKafkaContainer;
  let postgres: StartedPostgreSqlContainer;
  let harness: BackboneHarness;
  let scope: BackboneScope;
  let app: INestApplication | undefined;
  const probe = new HandlerProbe();

  beforeAll(async () => {
    [kafka, postgres] = await Promise.all([
      new KafkaContainer(KAFKA_IMAGE).start(),
      new PostgreSqlContainer(POSTGRES_IMAGE).start(),
    ]);
    harness = new BackboneHarness(`${kafka.getHost()}:${kafka.getMappedPort(9093)}`);
    await harness.start();
  });
  afterAll(async () => {
    await harness?.stop();
    await kafka?.stop();
    await postgres?.stop();
  });
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

  it('handles idempotently, relays derived events and dead-letters a rejected event', async () => {
    const options = scope.options({
      database: {
        url: postgres.getConnectionUri(),
        sqlitePath: '',
        migrations: SIDE_EFFECT_MIGRATIONS,
      },
    });
    const rejected = scope.sample('MissedCollectionReported');
    probe.behaviour = async (event, context) => {
      if (event.eventId === rejected.eventId) throw new EventRejectedError('no such property');
      await recordSideEffect(context.transaction(), event.eventId, options.groupId);
      await context.publish(scope.caseUpdate(`AV-${event.eventId.slice(0, 8)}`));
    };
    app = await startBackboneApp(options, probe);
    const events = Array.from({ length: 10 }, () => scope.sample('MissedCollectionReported'));
    const publisher = app.get(EventPublisher);
    await publisher.publish([...events, rejected]);
    await publisher.publish(events[0]);

    const ds = app.get(BackboneRuntime).database!.dataSource;
    await waitFor(
      async () => (await sideEffectCounts(ds, options.groupId)).size === 10,
      'rows',
      60_000,
    );
    const [letter] = await scope.read(`${scope.topic('MissedCollectionReported')}.dlq`, 1, 60_000);
    const derived = await scope.read(scope.topic('CaseStatusChanged'), 10, 60_000);

    expect([...(await sideEffectCounts(ds, options.groupId)).values()]).toEqual(Array(10).fill(1));
    expect(headerText(letter.headers, '__connect.errors.exception.class.name')).toBe(
      'EventRejectedError',
    );
    expect(new Set(derived.map((r) => headerText(r.headers, 'causationId')))).toEqual(
      new Set(events.map((e) => e.eventId)),
    );
  });
});
