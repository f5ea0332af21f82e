import { ConfigError } from '@joinedup/config';
import { loadBackboneOptions } from './backbone-settings';

describe(loadBackboneOptions.name, () => {
  it('defaults to the embedded broker, the local registry and SQLite, grouped by client id', () => {
    expect(loadBackboneOptions('waste-app', { env: {} })).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'waste-app', ssl: false },
      registry: { url: 'http://127.0.0.1:8081' },
      groupId: 'waste-app',
      database: { url: undefined, sqlitePath: 'data/joinedup.sqlite' },
      retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 30_000 },
      consumer: { partitionsConsumedConcurrently: 3 },
      unclaimedEvents: 'skip',
      lagRefreshIntervalMs: 15_000,
    });
  });

  it('reads the retry policy, the group and the database from the environment', () => {
    const options = loadBackboneOptions('waste-app', {
      env: {
        JOINEDUP_BACKBONE_GROUP_ID: 'waste-requests',
        JOINEDUP_BACKBONE_MAX_ATTEMPTS: '8',
        JOINEDUP_BACKBONE_RETRY_INITIAL_DELAY: '1s',
        JOINEDUP_BACKBONE_UNCLAIMED_EVENTS: 'dead-letter',
        DATABASE_URL: 'postgres://u:p@db:5432/joinedup',
      },
    });
    expect(options).toMatchObject({
      groupId: 'waste-requests',
      retry: { maxAttempts: 8, initialDelayMs: 1000 },
      unclaimedEvents: 'dead-letter',
      database: { url: 'postgres://u:p@db:5432/joinedup' },
    });
  });

  it('names every bad setting in one error', () => {
    const load = () =>
      loadBackboneOptions('waste-app', {
        env: {
          JOINEDUP_BACKBONE_MAX_ATTEMPTS: '0',
          JOINEDUP_BACKBONE_UNCLAIMED_EVENTS: 'drop',
          JOINEDUP_KAFKA_SASL_MECHANISM: 'plain',
        },
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.source)).toEqual([
        'JOINEDUP_BACKBONE_MAX_ATTEMPTS',
        'JOINEDUP_BACKBONE_UNCLAIMED_EVENTS',
        'JOINEDUP_KAFKA_SASL_USERNAME',
        'JOINEDUP_KAFKA_SASL_PASSWORD',
      ]);
    }
  });
});
